// The part of spice-html5 (plain ES modules, no typings) the SPICE console uses.
declare module "@spice-project/spice-html5" {
  export type SpiceMainConnOptions = {
    uri: string;
    password: string;
    screen_id: string;
    message_id?: string;
    onerror?: (e: Error) => void;
    onsuccess?: () => void;
    onagent?: (conn: SpiceMainConn) => void;
  };
  export class SpiceMainConn {
    constructor(options: SpiceMainConnOptions);
    stop(): void;
  }
  export function sendCtrlAltDel(conn: SpiceMainConn): void;
  export function resize_helper(conn: SpiceMainConn): void;
}
