import { z } from 'zod';
import { CATEGORY_CODES, DISTRICT_CODES, REPORT_CHANNELS, SHANGHAI_BBOX } from './domain';

/**
 * Request schemas. `.strict()` everywhere: an unexpected key is a caller bug
 * or a probe, and is refused rather than silently ignored.
 */

const trimmed = (max: number): z.ZodString => z.string().trim().max(max);

export const newReportSchema = z
  .object({
    title: trimmed(200).min(2),
    category: z.enum(CATEGORY_CODES),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    district: z.enum(DISTRICT_CODES),
    address: trimmed(300).optional(),
    description: trimmed(4000).optional(),
    channel: z.enum(REPORT_CHANNELS),
    reporterName: trimmed(100).optional(),
    reporterPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 -]{2,24}$/, 'phone')
      .optional(),
    lat: z.number().finite().min(SHANGHAI_BBOX.minLat).max(SHANGHAI_BBOX.maxLat).optional(),
    lon: z.number().finite().min(SHANGHAI_BBOX.minLon).max(SHANGHAI_BBOX.maxLon).optional(),
  })
  .strict()
  .refine((r) => (r.lat === undefined) === (r.lon === undefined), {
    message: 'lat_lon_pair',
    path: ['lat'],
  });
export type NewReport = z.infer<typeof newReportSchema>;

export const incidentListSchema = z
  .object({
    scope: z.enum(['open', 'all']).default('open'),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .strict();

export const incidentIdsSchema = z.object({ ids: z.array(z.string().max(64)).max(5000) }).strict();
export const incidentIdSchema = z.object({ id: z.string().min(1).max(64) }).strict();
export const emptySchema = z.object({}).strict();
export const trendSchema = z.object({ hours: z.number().int().min(1).max(168).default(24) }).strict();
export const changesSinceSchema = z.object({ cursor: z.number().int().min(0) }).strict();
