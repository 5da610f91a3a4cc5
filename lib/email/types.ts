export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The Message-ID header (with its angle brackets); nodemailer makes one up when absent. */
  messageId?: string;
}
