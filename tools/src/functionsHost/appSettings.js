"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveAppSettingReferences = resolveAppSettingReferences;
exports.storageConnectionString = storageConnectionString;
exports.applyAppSettings = applyAppSettings;
/**
 * Resolves `%Name%` app-setting references in binding properties (queue names, schedules), as the
 * Functions host does before it starts a trigger.
 */
function resolveAppSettingReferences(value, env = process.env) {
    return value.replace(/%([^%]+)%/g, (_, name) => {
        const setting = env[name];
        if (setting === undefined)
            throw new Error(`The app setting '${name}' referenced as '%${name}%' is not set`);
        return setting;
    });
}
/**
 * The storage connection string named by a binding's `connection` (default `AzureWebJobsStorage`);
 * like the host, `AzureWebJobs<name>` is tried too. Identity-based connections (`<name>__queueServiceUri`)
 * are not supported here.
 */
function storageConnectionString(connection, env = process.env) {
    const name = typeof connection === 'string' && connection ? connection : 'AzureWebJobsStorage';
    const value = env[name] ?? env[`AzureWebJobs${name}`];
    if (!value)
        throw new Error(`The app setting '${name}' (a storage connection string) is not set`);
    return value;
}
/**
 * Merges app settings into `process.env` (function code reads them there, as on Azure) and returns
 * the function that puts the previous values back.
 */
function applyAppSettings(settings = {}) {
    const previous = Object.entries(settings).map(([name]) => [name, process.env[name]]);
    Object.assign(process.env, settings);
    return () => {
        for (const [name, value] of previous) {
            if (value === undefined)
                delete process.env[name];
            else
                process.env[name] = value;
        }
    };
}
//# sourceMappingURL=appSettings.js.map