// Export discovery for frontends: which formats exist, and the download URL for the current view.
import { builder } from '../builder.js';
import { EventFilterInput, resolveFilter } from '../events/event-filter.schema.js';
import { FORMATS } from './formats/index.js';
import { exportPath } from './export-http.js';
import type { ExportFormat } from './formats/format.js';
import { paramsFromFilter } from './filter-params.js';

const ExportFormatNameEnum = builder.enumType('ExportFormatName', {
  values: Object.fromEntries(FORMATS.map((f) => [f.name.toUpperCase(), { value: f.name, description: f.description }])),
});

const ExportFormatRef = builder.objectRef<ExportFormat>('ExportFormat').implement({
  description: 'A format events can be exported in, over HTTP or with `chronicle export`.',
  fields: (t) => ({
    name: t.field({ type: ExportFormatNameEnum, resolve: (f) => f.name }),
    path: t.string({ description: 'Where to GET it, e.g. /export/events.csv; add the filter as parameters.', resolve: (f) => exportPath(f) }),
    contentType: t.exposeString('contentType'),
    fileExtension: t.exposeString('extension'),
    description: t.exposeString('description'),
  }),
});

builder.queryFields((t) => ({
  exportFormats: t.field({
    type: [ExportFormatRef],
    description: 'The formats events can be exported in.',
    resolve: () => FORMATS,
  }),
  exportUrl: t.string({
    description: 'The download URL (relative to this server) of the events a filter matches, in a format: what a "Download" button links to.',
    args: {
      filter: t.arg({ type: EventFilterInput }),
      format: t.arg({ type: ExportFormatNameEnum, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      await resolveFilter(ctx, args.filter); // an invalid filter fails here, not at download time
      const format = FORMATS.find((f) => f.name === args.format)!;
      const query = paramsFromFilter(args.filter ?? {}).toString();
      return query ? `${exportPath(format)}?${query}` : exportPath(format);
    },
  }),
}));
