/** The parent's message to the renderer frame: the nonce and the minimal descriptor. */
export const RENDER_MESSAGE = "tsjs:aps:render";

/** The renderer's answer once it accepted the descriptor and the runner has loaded. */
export const ACK_MESSAGE = "tsjs:aps:ack";

/** The renderer's answer when the runner could not be loaded: the slot keeps what it had. */
export const FAILED_MESSAGE = "tsjs:aps:failed";
