import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'docs';
const BEARER_SCHEME = 'bearer';

/** Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Casetrail API')
      .setDescription('Event-sourced multi-agency case timelines for child safeguarding practice reviews. Errors are application/problem+json (RFC 9457).')
      .setVersion('0.1.0')
      // Every operation needs a token unless its controller is @Public() (which lists no security).
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Casetrail token (`casetrail token --help`).' }, BEARER_SCHEME)
      .addSecurityRequirements(BEARER_SCHEME)
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
}
