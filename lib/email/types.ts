export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}
