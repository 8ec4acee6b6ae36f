// Downloads of the events the current filter matches, in every format the server exports: each
// link is the export's path with the filter as its parameters (the ones the page's URL holds).
import { useQuery } from '@urql/preact';
import { graphql } from '../graphql.js';
import { type ExplorerFilter, filterParams } from '../view-state.js';

export const FormatsQuery = graphql(`
  query ExplorerExportFormats { exportFormats { name description fileExtension path } }
`);

export function ExportLinks({ filter }: { filter: ExplorerFilter }) {
  const [{ data }] = useQuery({ query: FormatsQuery });
  const params = filterParams(filter).toString();
  return (
    <nav class="exports" aria-label="Download these events">
      <span>Download:</span>
      {data?.exportFormats.map((format) => (
        <a key={format.name} href={`${format.path}${params ? `?${params}` : ''}`} title={format.description} download>
          {format.fileExtension.replace(/^\./, '').toUpperCase()}
        </a>
      ))}
    </nav>
  );
}
