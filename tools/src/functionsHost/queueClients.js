"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QueueClients = void 0;
exports.encodeQueueMessage = encodeQueueMessage;
exports.decodeQueueMessage = decodeQueueMessage;
const storage_queue_1 = require("@azure/storage-queue");
const appSettings_1 = require("./appSettings");
/**
 * Queue clients by connection setting and queue name. Queues are created on first use, as the
 * queue trigger and output binding do on Azure.
 */
class QueueClients {
    #services = new Map();
    #queues = new Map();
    /** The client of a binding's queue (`queueName` may hold `%Setting%` references). */
    async get(connection, queueName) {
        const connectionString = (0, appSettings_1.storageConnectionString)(connection);
        const name = (0, appSettings_1.resolveAppSettingReferences)(queueName).toLowerCase();
        const key = `${connectionString}\n${name}`;
        let queue = this.#queues.get(key);
        if (!queue) {
            queue = this.#create(connectionString, name);
            this.#queues.set(key, queue);
            // A failed creation (storage not up yet) is retried on the next use instead of cached.
            queue.catch(() => this.#queues.delete(key));
        }
        return queue;
    }
    async #create(connectionString, queueName) {
        let service = this.#services.get(connectionString);
        if (!service) {
            service = storage_queue_1.QueueServiceClient.fromConnectionString(connectionString);
            this.#services.set(connectionString, service);
        }
        const client = service.getQueueClient(queueName);
        await client.createIfNotExists();
        return client;
    }
}
exports.QueueClients = QueueClients;
/** Queue messages carry base64 text by default (`extensions.queues.messageEncoding`). */
function encodeQueueMessage(content) {
    return (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
}
/** The text of a base64 message, or undefined when it is not base64 (the host poisons such messages). */
function decodeQueueMessage(messageText) {
    const compact = messageText.trim();
    if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
        return undefined;
    return Buffer.from(compact, 'base64').toString('utf8');
}
//# sourceMappingURL=queueClients.js.map