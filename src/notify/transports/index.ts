// The real delivery channels of SPEC D2, for the delivery worker: one import.
export { transportsFromConfig, closeTransports, type Transports } from './from-config.js';
export { createSmtpTransport, type SmtpOptions } from './smtp.js';
export { createWebhookTransport, webhookBody, type WebhookOptions } from './webhook.js';
export { signBody, verifySignature } from './signature.js';
export { channelsWithoutTransport, transportSetting } from './settings.js';
export type { Deliverable, SendOptions, SendResult, Transport } from './transport.js';
