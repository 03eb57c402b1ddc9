import { join } from 'node:path';
import { projectRoot } from '../../platform/project-root';

/**
 * data/reference of the project. Found from the package.json above this file rather than from
 * the working directory, so the same code works from src/ (ts-node, jest), from dist/ and from any cwd.
 */
export function referenceDataDir(root: string = projectRoot(__dirname)): string {
  return join(root, 'data', 'reference');
}

export const HS_SECTIONS_FILE = join('harmonized-system', 'sections.csv');
export const HS_NOMENCLATURE_FILE = join('harmonized-system', 'harmonized-system.csv');
export const COUNTRIES_FILE = 'countries.json';
export const CUSTOMS_COUNTRY_ALIASES_FILE = 'customs-country-aliases.json';
