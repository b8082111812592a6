/**
 * A small declarative schema language: enough to validate a config file, fill its defaults and
 * document every key from one definition. Objects are closed (unknown keys are errors); records
 * are maps whose keys the user chooses (task ids, rule ids, dimension names).
 */
interface Common {
  /** One sentence for the key reference and `config --schema`. */
  description: string;
  /** May the key be null? */
  nullable?: boolean;
  /** Absent keys stay absent instead of taking a default. */
  optional?: boolean;
  default?: unknown;
}

export type SchemaNode =
  | (Common & { type: 'string'; enum?: readonly string[] })
  | (Common & { type: 'number'; integer?: boolean; min?: number; max?: number })
  | (Common & { type: 'boolean' })
  | (Common & { type: 'array'; items: SchemaNode })
  | (Common & { type: 'object'; properties: Record<string, SchemaNode>; partial?: boolean })
  | (Common & { type: 'record'; values: SchemaNode });

type Extra<T extends SchemaNode['type']> = Omit<Extract<SchemaNode, { type: T }>, 'type' | 'description'>;

export const s = {
  string: (description: string, extra: Extra<'string'> = {}): SchemaNode => ({ type: 'string', description, ...extra }),
  number: (description: string, extra: Extra<'number'> = {}): SchemaNode => ({ type: 'number', description, ...extra }),
  boolean: (description: string, extra: Extra<'boolean'> = {}): SchemaNode => ({ type: 'boolean', description, ...extra }),
  array: (items: SchemaNode, description: string, extra: Omit<Extra<'array'>, 'items'> = {}): SchemaNode => ({
    type: 'array',
    items,
    description,
    ...extra,
  }),
  object: (properties: Record<string, SchemaNode>, description: string, extra: Omit<Extra<'object'>, 'properties'> = {}): SchemaNode => ({
    type: 'object',
    properties,
    description,
    ...extra,
  }),
  record: (values: SchemaNode, description: string, extra: Omit<Extra<'record'>, 'values'> = {}): SchemaNode => ({
    type: 'record',
    values,
    description,
    ...extra,
  }),
};
