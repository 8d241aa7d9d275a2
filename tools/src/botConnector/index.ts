export { startBotConnector, type ConnectorRequest, type RunningBotConnector, type SentActivity } from './botConnector';
export { CONNECTOR_ERRORS, type ConnectorErrorReply } from './connectorErrors';
