import { Global, Module } from '@nestjs/common';
import { ProcessManagerModule } from '../process-manager/process-manager.module';
import { InstanceRegistry } from './instance-registry';
import { InstanceRequests } from './instance-requests';

/** The live instances of the deployment, and requests every one of them must answer. */
@Global()
@Module({
  imports: [ProcessManagerModule],
  providers: [InstanceRegistry, InstanceRequests],
  exports: [InstanceRegistry, InstanceRequests],
})
export class InstancesModule {}
