import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InstanceRequests } from '../../../platform/instances/instance-requests';
import { COUNTRY_CACHES_TOPIC } from '../../countries';
import { ReadModelProjection } from '../read-model.projection';

/** The read model's part of a country process's cache refresh: the names and archive flags its projection keeps. */
@Injectable()
export class ReadModelCountryCachesTask implements OnModuleInit {
  constructor(
    private readonly instances: InstanceRequests,
    private readonly projection: ReadModelProjection,
  ) {}

  onModuleInit(): void {
    this.instances.register(COUNTRY_CACHES_TOPIC, async () => this.projection.forgetCachedNames());
  }
}
