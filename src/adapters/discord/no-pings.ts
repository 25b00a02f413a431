/** allowed_mentions that ping nobody: echoed text can never reach @everyone, @here, roles or users. */
export const NO_PINGS_API = { parse: [] as never[] };

/** The same for discord.js options; repliedUser false so replies do not ping the asker either. */
export const NO_PINGS = { parse: [] as never[], repliedUser: false };
