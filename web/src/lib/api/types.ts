/** Names for the generated response shapes the pages use (all derived from schema.ts). */
import type { paths } from './schema';

type Json<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Me = Json<'/v1/me', 'get'>;
export type AdvanceSummary = Me['advance'];
export type Application = Json<'/v1/applications/{id}', 'get'>;
export type Advances = Json<'/v1/advances', 'get'>;
export type Bank = Json<'/v1/bank', 'get'>;
