// What a cluster member's hypervisor can give a guest, as the baseline CPU call takes it (issue 30).

/**
 * The host-model CPU of domain capabilities as a guest <cpu> (as `virsh hypervisor-cpu-baseline` reads it): what the
 * hypervisor can really give a guest, where the capabilities' host CPU also names features KVM or TCG cannot.
 */
export function hostModelCpu(domcapsXml: string): string | null {
  // Not self-closing (<mode name='host-model' supported='no'/>): its content runs to its own </mode>.
  const mode = /<mode name=['"]host-model['"](?:[^>]*[^/>])?>([\s\S]*?)<\/mode>/.exec(domcapsXml);
  return mode && /<model[\s>]/.test(mode[1]) ? `<cpu mode='custom' match='exact'>${mode[1]}</cpu>` : null;
}
