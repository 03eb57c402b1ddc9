import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { UnauthorizedError } from './auth.errors';
import type { Role } from './credentials';
import type { RequestContext } from './request-context';

const REQUIRED_ROLE = 'requiredRole';

/** Marks a resolver method as needing a role; the guard checks it against the request's principal. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!role) return true;
    const { principal } = GqlExecutionContext.create(context).getContext<RequestContext>();
    if (!principal.roles.has(role)) throw new UnauthorizedError(role);
    return true;
  }
}
