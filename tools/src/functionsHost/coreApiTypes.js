"use strict";
/**
 * The subset of `@azure/functions-core` this host provides. That module is built into the Azure
 * Functions Node.js worker and is not on npm, so its types (azure-functions-nodejs-library
 * `types-core/index.d.ts`) are restated here, trimmed to the members `@azure/functions` v4 uses.
 */
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=coreApiTypes.js.map