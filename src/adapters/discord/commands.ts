import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { CATEGORIES, CATEGORY_LABELS, DAILY } from '../../core/chat/index.js';

/**
 * Every command termbot registers, as data. The register script sends exactly this and the
 * handlers route on the same names, so the two cannot drift apart.
 */
export const COMMAND = {
  explain: 'explain',
  terms: 'terms',
  explainTerms: 'Explain terms',
  daily: 'explain-daily',
} as const;

export const OPTION = {
  term: 'term',
  public: 'public',
  category: 'category',
  time: 'time',
  timezone: 'timezone',
  weekdays: 'weekdays',
  thread: 'thread',
} as const;

export { DAILY };

/** Weekday choices: the values are what the core's parseWeekdays reads, like Slack's free text. */
export const WEEKDAY_CHOICES = [
  { name: 'Monday to Friday', value: 'mon-fri' },
  { name: 'Every day', value: 'daily' },
  { name: 'Monday, Wednesday, Friday', value: 'mon,wed,fri' },
  { name: 'Tuesday and Thursday', value: 'tue,thu' },
  { name: 'Mondays only', value: 'mon' },
];

const categoryChoices = CATEGORIES.map((c) => ({ name: CATEGORY_LABELS[c], value: c }));
const guildAndDm = [InteractionContextType.Guild, InteractionContextType.BotDM];

export const COMMANDS: RESTPostAPIApplicationCommandsJSONBody[] = [
  {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND.explain,
    description: 'Explain an infrastructure or architecture term',
    contexts: guildAndDm,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: OPTION.term,
        description: 'A term or a comparison, e.g. "load balancer" or "CQRS vs event sourcing"',
        autocomplete: true,
        max_length: 200,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: OPTION.public,
        description: 'Post the answer for everyone in the channel (default: only you see it)',
      },
    ],
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND.terms,
    description: 'Browse the terms termbot knows',
    contexts: guildAndDm,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: OPTION.category,
        description: 'Only this area',
        choices: categoryChoices,
      },
    ],
  },
  {
    type: ApplicationCommandType.Message,
    name: COMMAND.explainTerms,
    contexts: guildAndDm,
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND.daily,
    description: 'Term of the day in this channel',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: DAILY.subscribe,
        description: 'Post a term of the day in this channel (needs Manage Channels)',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: OPTION.time,
            description: 'Time of day, HH:MM 24h (default 09:00)',
            max_length: 5,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: OPTION.timezone,
            description: 'IANA time zone, e.g. Europe/Berlin (default UTC)',
            autocomplete: true,
            max_length: 64,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: OPTION.weekdays,
            description: 'Which days (default Monday to Friday)',
            choices: WEEKDAY_CHOICES,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: OPTION.category,
            description: 'Only terms from this area (default: all)',
            choices: [{ name: 'All areas', value: 'all' }, ...categoryChoices],
          },
          { type: ApplicationCommandOptionType.Boolean, name: OPTION.thread, description: 'Open a discussion thread on each post' },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: DAILY.unsubscribe,
        description: 'Stop the term of the day here (needs Manage Channels)',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: DAILY.status,
        description: 'Show the term-of-the-day schedule for this channel',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: DAILY.skip,
        description: "Skip the next term in this channel's rotation (needs Manage Channels)",
      },
    ],
  },
];
