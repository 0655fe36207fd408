// The console's WebSocket as noVNC sees it: binary frames (the display's RFB bytes) pass through, text
// frames are the relay talking to the page about control and go to `onNotice` instead.
import { parseNotice, type ConsoleNotice, type ConsoleRequest } from "@/lib/consoles/presence";

type Handler<E> = ((event: E) => void) | null;

/**
 * What noVNC's Websock needs from a raw channel (send, close, binaryType, the on* handlers, protocol,
 * readyState), in front of a real WebSocket. Accessors live on the prototype, where noVNC looks for them.
 */
export class ConsoleChannel {
  onopen: Handler<Event> = null;
  onclose: Handler<CloseEvent> = null;
  onerror: Handler<Event> = null;
  private messageHandler: Handler<MessageEvent> = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly onNotice: (notice: ConsoleNotice) => void,
  ) {
    socket.binaryType = "arraybuffer";
    socket.addEventListener("open", (e) => this.onopen?.(e));
    socket.addEventListener("close", (e) => this.onclose?.(e));
    socket.addEventListener("error", (e) => this.onerror?.(e));
    socket.addEventListener("message", (e: MessageEvent) => {
      if (typeof e.data === "string") {
        const notice = parseNotice(e.data);
        if (notice) this.onNotice(notice);
      } else this.messageHandler?.(e);
    });
  }

  get onmessage(): Handler<MessageEvent> {
    return this.messageHandler;
  }
  set onmessage(handler: Handler<MessageEvent>) {
    this.messageHandler = handler;
  }
  get binaryType(): BinaryType {
    return this.socket.binaryType;
  }
  set binaryType(type: BinaryType) {
    this.socket.binaryType = type;
  }
  get protocol(): string {
    return this.socket.protocol;
  }
  get readyState(): number {
    return this.socket.readyState;
  }
  send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
    this.socket.send(data as ArrayBuffer);
  }
  close(): void {
    this.socket.close();
  }
  /** A request about control, as a text frame the relay reads (never reaching the guest). */
  request(request: ConsoleRequest): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(request));
  }
}
