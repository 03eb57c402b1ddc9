import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config/app-config';
import { projectRoot } from '../../platform/project-root';
import { aliasSet, READ_MODEL_INDEXES, type ReadModelIndex } from './elasticsearch/read-model-indexes';

// Reads committed files only (kibana/ and es-mappings/): deterministic, so fine for a unit test.
// The mappings are the truth: a renamed field must break this test, not a dashboard in production.
const root = projectRoot(__dirname);

interface SavedObject {
  readonly id: string;
  readonly type: string;
  readonly attributes: Record<string, unknown>;
  readonly references: readonly { name: string; type: string; id: string }[];
}

const objects: SavedObject[] = readFileSync(join(root, 'kibana', 'saved-objects.ndjson'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as SavedObject);
const ofType = (type: string): SavedObject[] => objects.filter((object) => object.type === type);
const byId = new Map(objects.map((object) => [object.id, object]));

// The file is written for the default prefix; kibana/import.sh substitutes another one.
const aliases = aliasSet(loadConfig({}).ES_INDEX_PREFIX);
const indexOfAlias = new Map(READ_MODEL_INDEXES.map((name): [string, ReadModelIndex] => [aliases[name], name]));

/** Field name -> mapping type, with object properties flattened to dotted paths. */
function mappedFields(index: ReadModelIndex): Map<string, string> {
  const file = join(root, 'es-mappings', `${index}.json`);
  const { mappings } = JSON.parse(readFileSync(file, 'utf8')) as { mappings: { properties: Properties } };
  const fields = new Map<string, string>();
  const walk = (properties: Properties, prefix: string): void => {
    for (const [name, field] of Object.entries(properties)) {
      fields.set(`${prefix}${name}`, field.type ?? 'object');
      if (field.properties) walk(field.properties, `${prefix}${name}.`);
    }
  };
  walk(mappings.properties, '');
  return fields;
}
type Properties = Record<string, { type?: string; properties?: Properties }>;

const NUMERIC = ['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float'];
const AGGREGATABLE = [...NUMERIC, 'keyword', 'date', 'boolean'];

/** The mapping behind a visualization: its searchSource index reference -> data view -> alias. */
function indexOf(visualization: SavedObject): ReadModelIndex {
  const reference = visualization.references.find((r) => r.name === 'kibanaSavedObjectMeta.searchSourceJSON.index');
  const dataView = reference && byId.get(reference.id);
  if (!dataView || dataView.type !== 'index-pattern') throw new Error(`${visualization.id}: no data view in the file`);
  const index = indexOfAlias.get(String(dataView.attributes['title']));
  if (!index) throw new Error(`${dataView.id}: title is not an alias the app creates`);
  return index;
}

function searchSource(object: SavedObject): { query: { query: string }; indexRefName?: string } {
  const meta = object.attributes['kibanaSavedObjectMeta'] as { searchSourceJSON: string };
  return JSON.parse(meta.searchSourceJSON);
}

interface Agg {
  readonly type: string;
  readonly params: { field?: string };
}

const visualizations = ofType('visualization').map((object) => ({
  object,
  aggs: (JSON.parse(String(object.attributes['visState'])) as { aggs: Agg[] }).aggs,
}));
const withData = visualizations.filter(({ aggs }) => aggs.length > 0);

describe('kibana/saved-objects.ndjson against es-mappings/', () => {
  it('given the file, when parsed, then every object has a unique id and a known 8.x type', () => {
    expect(byId.size).toBe(objects.length);
    expect(objects.every((o) => ['index-pattern', 'visualization', 'dashboard'].includes(o.type))).toBe(true);
  });

  it('given the data views, when titles are read, then there is one per alias of facts, summaries and trends, each with a mapping', () => {
    const titles = ofType('index-pattern').map((view) => String(view.attributes['title']));

    expect(titles.sort()).toEqual(
      (['facts', 'country-summaries', 'product-summaries', 'monthly-trends'] as const).map((name) => aliases[name]).sort(),
    );
    for (const title of titles) expect(existsSync(join(root, 'es-mappings', `${indexOfAlias.get(title)}.json`))).toBe(true);
  });

  it.each(ofType('index-pattern').map((view) => [view.id, view] as const))(
    'given data view %s, when its time field and formats are checked, then they are fields of its mapping',
    (_id, view) => {
      const index = indexOfAlias.get(String(view.attributes['title']))!;
      const fields = mappedFields(index);
      const timeField = view.attributes['timeFieldName'];
      if (index === 'facts' || index === 'monthly-trends') expect(timeField).toBe('period');
      if (timeField !== undefined) expect(fields.get(String(timeField))).toBe('date');
      const formats = Object.keys(JSON.parse(String(view.attributes['fieldFormatMap'] ?? '{}')));
      expect(formats.filter((field) => !fields.has(field))).toEqual([]);
    },
  );

  it.each(withData.map((v) => [v.object.id, v] as const))(
    'given visualization %s, when its aggregations are checked, then each field exists and can be aggregated that way',
    (_id, { object, aggs }) => {
      const fields = mappedFields(indexOf(object));
      for (const { type, params } of aggs.filter((agg) => agg.params.field !== undefined)) {
        const fieldType = fields.get(params.field!);
        expect({ field: params.field, mapped: fieldType !== undefined }).toEqual({ field: params.field, mapped: true });
        expect(AGGREGATABLE).toContain(fieldType);
        if (type === 'date_histogram') expect(fieldType).toBe('date');
        if (['sum', 'avg', 'min', 'max'].includes(type)) expect(NUMERIC).toContain(fieldType);
      }
      expect(searchSource(object).indexRefName).toBe('kibanaSavedObjectMeta.searchSourceJSON.index');
    },
  );

  it.each(withData.map((v) => [v.object.id, v] as const))(
    'given visualization %s, when its KQL query is read, then every field it filters on is in the mapping',
    (_id, { object }) => {
      const fields = mappedFields(indexOf(object));
      const named = [...searchSource(object).query.query.matchAll(/([A-Za-z_][\w.]*)\s*:/g)].map((match) => match[1]!);

      expect(named.filter((field) => !fields.has(field))).toEqual([]);
    },
  );

  it('given the dashboard, when its panels are resolved, then each points to a visualization in the file', () => {
    const [dashboard] = ofType('dashboard');
    const panels = JSON.parse(String(dashboard!.attributes['panelsJSON'])) as { panelRefName: string }[];
    const targets = panels.map(({ panelRefName }) => dashboard!.references.find((r) => r.name === panelRefName));

    expect(panels.length).toBeGreaterThanOrEqual(4);
    expect(targets.every((ref) => ref?.type === 'visualization' && byId.get(ref.id)?.type === 'visualization')).toBe(true);
  });
});
