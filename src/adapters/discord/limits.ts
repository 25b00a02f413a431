/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Sum of title, description, field names and values, footer and author name. */
  total: 6000,
} as const;

export const COMPONENTS = {
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
} as const;

export const CHOICES = { max: 25, name: 100, value: 100 } as const;

export const CONTENT_MAX = 2000;
