// The touch UI, one lazily loaded module (components/mail/use-touch-ui.ts): a desktop never fetches it.
export { ListMenu } from '../list/ListMenu';
export { SelectionBar } from '../list/SelectionBar';
export { TouchLayer } from '../list/TouchLayer';
export { PhoneMessageBars } from '../message/PhoneMessageBars';
