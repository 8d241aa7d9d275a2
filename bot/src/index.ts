/** The Teams bot: everything the Functions app needs, and nothing of botbuilder but the adapter's factory. */
export { createBotFrameworkTransport, type BotAuthSettings } from './botFrameworkAdapter';
export type { SyncCommandsPort, SyncStartOutcome, SyncStatusSummary } from './botPorts';
export { BotService, type BotServiceDeps } from './botService';
export type { BotRequest, BotResponse, BotTransport, IncomingTurn, OutgoingMessage } from './botTransport';
export * from './cards';
export { BOT_COMMANDS, parseCommand, type BotCommand } from './commands';
export { describeSchedule, scheduleLine, type ScheduleSummary } from './scheduleText';
export { ConversationRateLimit } from './conversationRateLimit';
export * from './conversationStore';
export { ConnectorError, decideDelivery, type ConnectorFailure, type DeliveryDecision } from './deliveryRules';
export { DeliveryPostponedError, SyncResultNotifier, type SyncResultNotice, type SyncResultNotifierDeps } from './syncResultNotifier';
