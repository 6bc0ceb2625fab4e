/** The drag payload type of messages dragged from the list onto a folder. */
export const DRAG_TYPE = 'application/x-wren-message-ids';
