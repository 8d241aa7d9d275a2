import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { type AppServices, appServices } from '../composition';
import { type CallerIdentity, readBearerToken } from '../identity';
import { CORRELATION_HEADER, errorResponse, forAnonymousCaller } from './errorResponse';

/**
 * Which tenants an endpoint lets in: `enabledTenant` (every endpoint) needs the token's tenant to have an
 * enabled integration; `anyTenant` (the company settings only) validates as fully but lets an admin of a
 * tenant without one in, so that the admin can enable it. The admin role is checked by the service.
 */
export type TenantAccess = 'enabledTenant' | 'anyTenant';

/** An endpoint's work once the caller is known: one service call and the mapping of its result. */
export type CallerHandler = (request: HttpRequest, caller: CallerIdentity, services: AppServices, context: InvocationContext) => Promise<HttpResponseInit>;

/**
 * Wraps an endpoint: validates the bearer SSO token, runs the handler, and maps any error to the error
 * contract. Every response carries the invocation id as correlation id.
 */
export function withCaller(access: TenantAccess, handler: CallerHandler): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    const correlationId = context.invocationId;
    let caller: CallerIdentity | undefined;
    try {
      const services = appServices();
      const validator = access === 'anyTenant' ? services.anyTenantValidator : services.validator;
      caller = await validator.validate(readBearerToken(request.headers.get('authorization')));
      const response = await handler(request, caller, services, context);
      return { ...response, headers: { ...(response.headers as Record<string, string> | undefined), [CORRELATION_HEADER]: correlationId } };
    } catch (error) {
      return errorResponse(caller ? error : forAnonymousCaller(error), correlationId, context);
    }
  };
}

/** A 200 (or other status) JSON response. */
export function json(body: unknown, status = 200): HttpResponseInit {
  return { status, jsonBody: body };
}
