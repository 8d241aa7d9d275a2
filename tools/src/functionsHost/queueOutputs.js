"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sendQueueOutputs = sendQueueOutputs;
exports.queueMessagesOf = queueMessagesOf;
const httpMessages_1 = require("./httpMessages");
const queueClients_1 = require("./queueClients");
/**
 * Sends what a function set on its `output.storageQueue(...)` bindings (through
 * `context.extraOutputs.set(...)` or as `return:`), after the handler succeeded, as Azure does.
 */
async function sendQueueOutputs(fn, response, clients) {
    for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
        if (binding.direction !== 'out' || binding.type?.toLowerCase() !== 'queue')
            continue;
        const messages = queueMessagesOf((0, httpMessages_1.outputOf)(response, name));
        if (messages.length === 0)
            continue;
        const queue = await clients.get(binding.connection, String(binding.queueName));
        for (const message of messages)
            await queue.sendMessage((0, queueClients_1.encodeQueueMessage)(message));
    }
}
/**
 * The messages of one output value: an array is one message per item (as documented for Node.js);
 * strings go as they are, other values as JSON.
 */
function queueMessagesOf(data) {
    if (!data)
        return [];
    if (typeof data.string === 'string')
        return [data.string];
    if (data.bytes)
        return [Buffer.from(data.bytes)];
    if (typeof data.int === 'number' || typeof data.double === 'number')
        return [String(data.int ?? data.double)];
    if (typeof data.json !== 'string')
        return [];
    const value = JSON.parse(data.json);
    if (!Array.isArray(value))
        return [data.json];
    return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}
//# sourceMappingURL=queueOutputs.js.map