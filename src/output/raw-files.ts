// The text files made from a run's raw table (results.json, results.csv, size_distributions.json and .csv),
// by name, so that the service and the CLI serve and write the same set. Isomorphic.
import { resultsCsvPieces, resultsJsonPieces, type RawTable } from './raw.js';
import {
  restoreSizeDistributions,
  sizeDistributionsCsvPieces,
  sizeDistributionsJsonText,
} from './size-distribution.js';

/** The pieces of the text file `name`, or undefined when it is not one made from the table. */
export function rawFilePieces(table: RawTable, name: string): Iterable<string> | undefined {
  const distributions = () => restoreSizeDistributions(table.meta.size_distributions);
  switch (name) {
    case 'results.json':
      return resultsJsonPieces(table);
    case 'results.csv':
      return resultsCsvPieces(table);
    case 'size_distributions.json':
      return [`${sizeDistributionsJsonText(distributions())}\n`];
    case 'size_distributions.csv':
      return sizeDistributionsCsvPieces(distributions());
    default:
      return undefined;
  }
}

/** Names of the files rawFilePieces makes. */
export const RAW_FILE_NAMES = [
  'results.json',
  'results.csv',
  'size_distributions.json',
  'size_distributions.csv',
] as const;
