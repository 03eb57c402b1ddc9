import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Authenticator } from './authenticator';
import { RolesGuard } from './roles.guard';

@Global()
@Module({
  providers: [Authenticator, { provide: APP_GUARD, useClass: RolesGuard }],
  exports: [Authenticator],
})
export class AuthModule {}
