import type { Principal } from '@casetrail/access';
import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { importChronology, type ImportSummary } from '@casetrail/recording';
import { Controller, HttpCode, Inject, PayloadTooLargeException, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import { Transform } from 'node:stream';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { HttpRequest } from '../http/http-types';
import { IMPORT_REQUEST_EXAMPLES, IMPORT_RESPONSES } from './import-examples';

/** A chronology upload is streamed, never held in memory; past this it is refused. */
const UPLOAD_LIMIT_BYTES = 512 * 1024 * 1024;

@ApiTags('entries')
@Controller('imports')
export class ImportsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post()
  @Roles('practitioner')
  @HttpCode(200)
  @ApiOperation({
    summary: "Import a chronology CSV (format version 1) of the caller's own agency, all or nothing.",
    description:
      'The body is the CSV itself (Content-Type: text/csv, the chronology format version 1 of DOMAIN.md), holding only rows of the caller\'s agency. ' +
      'Rows go through the same rules as POST /entries/<kind>, in file order, so a later row may answer or amend an earlier one. ' +
      'A bad row answers 400 naming its line and column, and nothing from the file is written. Uploading a file again appends nothing. ' +
      'The examples are the rows of a small synthetic chronology as the three uploads its agencies would make, in order.',
  })
  @ApiConsumes('text/csv')
  @ApiQuery({ name: 'file', required: false, description: 'The file name to quote in errors and the summary.', example: 'police-north.csv' })
  @ApiBody({ schema: { type: 'string', format: 'text/csv' }, examples: IMPORT_REQUEST_EXAMPLES })
  @ApiOkResponse({
    ...IMPORT_RESPONSES.imported,
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string' },
        rows: { type: 'integer', description: 'Rows read.' },
        appended: { type: 'integer', description: 'Entries recorded by this upload.' },
        alreadyPresent: { type: 'integer', description: 'Rows whose entry was already recorded with the same content.' },
        byType: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Rows per entry_type.' },
      },
    },
  })
  @ApiBadRequestResponse(IMPORT_RESPONSES.badRow)
  @ApiUnsupportedMediaTypeResponse({ description: 'The body was not sent as text/csv.' })
  async upload(@Req() req: HttpRequest, @CurrentPrincipal() principal: Principal, @Query('file') file?: string): Promise<ImportSummary> {
    const type = String(req.headers['content-type'] ?? '');
    if (!/^text\/csv\b/i.test(type)) throw new UnsupportedMediaTypeException('Send the chronology as text/csv');
    let received = 0;
    const limited = req.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          if (received > UPLOAD_LIMIT_BYTES) done(new PayloadTooLargeException(`A chronology upload may be at most ${UPLOAD_LIMIT_BYTES} bytes`));
          else done(null, chunk);
        },
      }),
    );
    return importChronology(this.store, limited, {
      file: file ?? 'upload.csv',
      metadata: { actor: { agencyId: principal.agencyId, role: principal.role } },
      allowAgency: (agency) => agency === principal.agencyId,
    });
  }
}
