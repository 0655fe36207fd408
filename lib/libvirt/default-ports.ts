// libvirt's and SSH's default ports, apart from the transports so the browser's host form can show them too.
export const DEFAULT_TCP_PORT = 16509;
export const DEFAULT_TLS_PORT = 16514;
export const DEFAULT_SSH_PORT = 22;
