// Creates each PostgreSQL database named in the given URLs when it does not exist yet.
// `--check URL` only tests that the server answers.
import pg from 'pg';

const args = process.argv.slice(2);
const checkOnly = args[0] === '--check';
const urls = checkOnly ? args.slice(1) : args;

for (const url of urls) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    if (checkOnly) continue;
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`create database "${name.replaceAll('"', '""')}"`);
      console.log(`created database ${name}`);
    }
  } catch (error) {
    console.error(`PostgreSQL at ${target.host}: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await client.end().catch(() => {});
  }
}
