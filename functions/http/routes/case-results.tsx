import type { Hono } from 'hono';
import { caseResults, caseResultsCsv, caseResultsPdf, pooledVariantResults } from '../../app/case-results.js';
import type { AppDeps } from '../../app/deps.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { page, pdfResponse } from '../responses.js';
import { CaseResultsPage, PooledVariantsPage } from '../views/case-results.js';
import { csvResponse, param } from './sms-http.js';

/** The results of a case as a page, a CSV and a PDF, and the pooled variant results across cases. */
export function caseResultRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/zaken/:caseId/resultaten', 'results.view', async (c) => {
    const report = await caseResults(deps, actingOf(c), param(c, 'caseId'));
    return page(c, `Resultaten zaak ${report.caseName}`, <CaseResultsPage report={report} />);
  });

  route(app, 'get', '/zaken/:caseId/resultaten.csv', 'results.view', async (c) => {
    const caseId = param(c, 'caseId');
    return csvResponse(c, await caseResultsCsv(deps, actingOf(c), caseId), `resultaten-zaak-${caseId}.csv`);
  });

  route(app, 'get', '/zaken/:caseId/resultaten.pdf', 'results.view', async (c) =>
    pdfResponse(c, await caseResultsPdf(deps, actingOf(c), param(c, 'caseId'))),
  );

  route(app, 'get', '/resultaten/varianten', 'results.variants', async (c) =>
    page(
      c,
      'Wat werkte: varianten over alle zaken',
      <PooledVariantsPage rows={await pooledVariantResults(deps, actingOf(c))} />,
    ),
  );
}
