import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ValidationError } from '../../kernel/domain-error';
import { RequireRole } from '../../platform/auth/roles.guard';
import type { RequestContext } from '../../platform/auth/request-context';
import { CustomsImportNotFoundError, CustomsKeyRejectedError } from './customs-import.errors';
import {
  customsImportNode,
  decodeHsCodesFile,
  decodeImportCursor,
  encodeImportCursor,
  type HsCodesFileInput,
  mergeHsCodes,
} from './customs-import.graphql';
import { CustomsImportService } from './customs-import.service';
import { CustomsImportStatus } from './customs-import.status';
import type { CustomsImportView } from './customs-import.view';
import { CustomsImportNotConfiguredError } from './customs-import-surface.errors';
import { readHsScope } from './scope/read-hs-scope';

const MAX_PAGE = 100;

/** The operators' face of the customs import (schema.graphql, "Customs import"). */
@Resolver()
export class CustomsImportResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly imports: CustomsImportService,
    private readonly status: CustomsImportStatus,
  ) {}

  @Query('customsImport')
  @RequireRole('operator')
  async customsImport(@Args('id') id: string) {
    try {
      return await this.node(await this.imports.get(id));
    } catch (error) {
      if (error instanceof CustomsImportNotFoundError) return null;
      throw error;
    }
  }

  @Query('customsImports')
  @RequireRole('operator')
  async customsImports(@Args('first') first: number | null, @Args('after') after: string | null) {
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new ValidationError('first', `must be from 1 to ${MAX_PAGE}, got ${limit}`);
    const views = await this.imports.page(limit + 1, after ? decodeImportCursor(after) : undefined);
    const page = views.slice(0, limit);
    const edges = await Promise.all(page.map(async (view) => ({ cursor: encodeImportCursor(view), node: await this.node(view) })));
    return { edges, pageInfo: { hasNextPage: views.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Mutation('startCustomsImport')
  @RequireRole('operator')
  async startCustomsImport(
    @Context() context: RequestContext,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('hsCodes') hsCodes: string[] | null,
    @Args('hsCodesFile') hsCodesFile: HsCodesFileInput | null,
  ) {
    const fromFile = hsCodesFile ? await this.readFile(hsCodesFile) : undefined;
    const months = from === to ? from : `${from}..${to}`;
    try {
      const view = await this.imports.start({ months, hsCodes: mergeHsCodes(hsCodes, fromFile), actor: context.principal.actor, correlationId: context.correlationId });
      return await this.node(view);
    } catch (error) {
      if (error instanceof CustomsKeyRejectedError) throw new CustomsImportNotConfiguredError(error.message);
      throw error;
    }
  }

  @Mutation('replayCustomsImportUnit')
  @RequireRole('operator')
  async replayCustomsImportUnit(@Args('importId') importId: string, @Args('unitId') unitId: string) {
    return this.node(await this.imports.replayUnit(importId, unitId));
  }

  @Mutation('cancelCustomsImportUnit')
  @RequireRole('operator')
  async cancelCustomsImportUnit(@Args('importId') importId: string, @Args('unitId') unitId: string) {
    return this.node(await this.imports.cancelUnit(importId, unitId));
  }

  @Mutation('cancelCustomsImport')
  @RequireRole('operator')
  async cancelCustomsImport(@Args('id') id: string) {
    return this.node(await this.imports.cancel(id));
  }

  private async readFile(file: HsCodesFileInput): Promise<readonly string[]> {
    const maxBytes = this.config.CUSTOMS_IMPORT_SCOPE_MAX_BYTES;
    const scope = await readHsScope(decodeHsCodesFile(file, maxBytes), { fileName: file.fileName, mediaType: file.mediaType ?? undefined }, { maxBytes });
    return scope.codes;
  }

  private async node(view: CustomsImportView) {
    return customsImportNode(await this.status.describe(view));
  }
}
