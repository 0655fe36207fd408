// Shared by server and browser: what stands in for a secret in guest XML the browser sees.
//
// Secrets in a domain definition are what libvirt itself prints only with VIR_DOMAIN_XML_SECURE:
//   - <graphics passwd='…'>: VNC and SPICE display passwords;
//   - <source><cookies><cookie name='…'>value</cookie></cookies>: HTTP(S) cookies of network disks
//     (also in a backing store or a network NVRAM source).
// Everything else is no secret in the XML: <auth> and <encryption> name a libvirt secret object by
// UUID or usage (its value never appears), and iSCSI CHAP or Ceph keys live in such objects too.

/** Replaces every secret value in XML sent to the browser; defining it back keeps the stored value. */
export const SECRET_PLACEHOLDER = "(hidden)";
