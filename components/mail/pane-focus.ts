/**
 * Where focus goes when the mail view switches panes (WCAG 2.4.3): the message's heading once
 * an opened message is shown (MessageContent.tsx), the list's current row once the view is back
 * on the list or the focused row has left it (MessageList.tsx). The mail view asks, the pane
 * that renders next takes it.
 */
export const paneFocus: { want: '' | 'list' | 'message' } = { want: '' };
