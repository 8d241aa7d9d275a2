"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QueueListener = exports.DEFAULT_QUEUE_SETTINGS = void 0;
exports.queueInvocationInput = queueInvocationInput;
const hostLog_1 = require("./hostLog");
const loadFunctionModules_1 = require("./loadFunctionModules");
const queueClients_1 = require("./queueClients");
const wakeableDelay_1 = require("./wakeableDelay");
exports.DEFAULT_QUEUE_SETTINGS = {
    batchSize: 16, maxDequeueCount: 5, maxPollingIntervalMs: 1000, retryDelaySeconds: 0, processingTimeoutSeconds: 600,
};
const MIN_POLLING_INTERVAL_MS = 25;
/**
 * Runs one queue-triggered function: polls its queue (backing off while empty), invokes the function
 * per message, deletes it on success, makes it visible again on failure and moves it to the poison
 * queue after `maxDequeueCount` attempts.
 */
class QueueListener {
    fn;
    queue;
    poison;
    settings;
    invoke;
    logger;
    #delay = new wakeableDelay_1.WakeableDelay();
    #inFlight = new Set();
    #loop;
    #stopped = false;
    constructor(fn, queue, poison, settings, invoke, logger) {
        this.fn = fn;
        this.queue = queue;
        this.poison = poison;
        this.settings = settings;
        this.invoke = invoke;
        this.logger = logger;
    }
    start() { this.#loop ??= this.#poll(); }
    /** Polls now instead of waiting out the back-off. */
    wake() { this.#delay.wake(); }
    /** True while messages of this queue are being handled. */
    get busy() { return this.#inFlight.size > 0; }
    /** Messages in the queue, visible or not (Azure's approximate count). */
    async pendingCount() {
        return (await this.queue.getProperties()).approximateMessagesCount ?? 0;
    }
    /** Stops polling and waits for the messages being handled. */
    async stop() {
        this.#stopped = true;
        this.#delay.wake();
        await this.#loop;
        await Promise.all([...this.#inFlight]);
    }
    async #poll() {
        let idleDelay = MIN_POLLING_INTERVAL_MS;
        while (!this.#stopped) {
            const free = this.settings.batchSize - this.#inFlight.size;
            const messages = free > 0 ? await this.#receive(Math.min(32, free)) : [];
            if (this.#stopped) {
                // Received during stop: visible again at once rather than after the processing timeout.
                await Promise.allSettled(messages.map((m) => this.queue.updateMessage(m.messageId, m.popReceipt, undefined, 0)));
                break;
            }
            messages.forEach((message) => this.#track(this.#handle(message)));
            if (messages.length > 0)
                idleDelay = MIN_POLLING_INTERVAL_MS;
            else if (free > 0)
                idleDelay = Math.min(idleDelay * 2, this.settings.maxPollingIntervalMs);
            if (messages.length === 0 || free <= messages.length)
                await this.#delay.sleep(idleDelay);
        }
    }
    async #receive(count) {
        try {
            const response = await this.queue.receiveMessages({ numberOfMessages: count, visibilityTimeout: this.settings.processingTimeoutSeconds });
            return response.receivedMessageItems;
        }
        catch (error) {
            this.#log('warning', `Polling queue '${this.queue.name}' failed: ${(0, hostLog_1.describeError)(error)}`);
            return [];
        }
    }
    #track(work) {
        const tracked = work
            .catch((error) => this.#log('error', `Handling a message of '${this.queue.name}' failed: ${(0, hostLog_1.describeError)(error)}`))
            .finally(() => { this.#inFlight.delete(tracked); this.#delay.wake(); });
        this.#inFlight.add(tracked);
    }
    async #handle(message) {
        const text = (0, queueClients_1.decodeQueueMessage)(message.messageText);
        if (text === undefined) {
            this.#log('warning', `Message ${message.messageId} is not base64 (the default messageEncoding); it goes to the poison queue`);
            return this.#moveToPoison(message);
        }
        if (message.dequeueCount > this.settings.maxDequeueCount)
            return this.#moveToPoison(message);
        try {
            await this.invoke(this.fn, queueInvocationInput((0, loadFunctionModules_1.triggerOf)(this.fn).name, message, text), `New queue message detected on '${this.queue.name}'`);
        }
        catch {
            return this.#handleFailure(message);
        }
        await this.queue.deleteMessage(message.messageId, message.popReceipt);
    }
    async #handleFailure(message) {
        if (message.dequeueCount >= this.settings.maxDequeueCount) {
            this.#log('warning', `Message has reached MaxDequeueCount of ${this.settings.maxDequeueCount}. Moving message to queue '${this.poison.name}'.`);
            return this.#moveToPoison(message);
        }
        await this.queue.updateMessage(message.messageId, message.popReceipt, undefined, this.settings.retryDelaySeconds);
    }
    async #moveToPoison(message) {
        await this.poison.sendMessage(message.messageText);
        await this.queue.deleteMessage(message.messageId, message.popReceipt);
    }
    #log(level, message) {
        this.logger({ level, category: 'system', functionName: this.fn.metadata.name, message });
    }
}
exports.QueueListener = QueueListener;
/** The trigger data of a queue message, as the host sends it: the text (JSON-parsed by the library) and metadata. */
function queueInvocationInput(triggerName, message, text) {
    const json = (value) => ({ json: JSON.stringify(value) });
    return {
        inputData: [{ name: triggerName, data: { string: text } }],
        triggerMetadata: {
            QueueTrigger: { string: text },
            Id: json(message.messageId),
            PopReceipt: json(message.popReceipt),
            DequeueCount: json(message.dequeueCount),
            InsertionTime: json(message.insertedOn.toISOString()),
            ExpirationTime: json(message.expiresOn.toISOString()),
            NextVisibleTime: json(message.nextVisibleOn.toISOString()),
        },
    };
}
//# sourceMappingURL=queueListener.js.map