// Starts a real Bluesky PDS for CM Studio's connector tests: @atproto/dev-env's TestNetworkNoAppView
// (an in-memory PLC directory and a PDS on SQLite, which validates records against the lexicons),
// every server pinned to 127.0.0.1, and two accounts with handles under ".test".
//
// Prints one JSON line on stdout once ready: {"url", "plcUrl", "jwtSecret", "accounts": [{"handle",
// "did", "password", "appPassword"}]}, then runs until SIGTERM/SIGINT or until stdin closes (so the
// servers die with the test process that started them). Needs Node >= 22.
import { randomBytes } from 'node:crypto'
import dns from 'node:dns'
import net from 'node:net'

dns.setDefaultResultOrder('ipv4first')

// dev-env listens on every interface (listen(port)); bind to loopback only.
const originalListen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  const first = args[0]
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] === 'string') args[1] = '127.0.0.1'
    else args.splice(1, 0, '127.0.0.1')
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, '127.0.0.1')
  } else if (first && typeof first === 'object' && first.path === undefined && !(first instanceof net.Server)) {
    args[0] = { ...first, host: '127.0.0.1' }
  }
  return originalListen.apply(this, args)
}

const log = (...parts) => process.stderr.write(parts.join(' ') + '\n')
const [major] = process.versions.node.split('.').map(Number)
if (major < 22) {
  log(`Node ${process.versions.node} is too old for @atproto/dev-env: Node >= 22 is needed.`)
  process.exit(3)
}

const { TestNetworkNoAppView } = await import('@atproto/dev-env')
const jwtSecret = randomBytes(24).toString('hex')
const network = await TestNetworkNoAppView.create({ pds: { jwtSecret } })
const url = network.pds.url.replace('localhost', '127.0.0.1')

const people = [
  { handle: 'redaction.test', email: 'redaction@example.test' },
  { handle: 'marie.test', email: 'marie@example.test' },
]
const accounts = []
for (const person of people) {
  const password = randomBytes(12).toString('hex')
  const agent = network.pds.getAgent()
  const created = await agent.createAccount({ ...person, password })
  const appPassword = await agent.com.atproto.server.createAppPassword({ name: 'cmstudio-tests' })
  accounts.push({
    handle: person.handle,
    did: created.data.did,
    password,
    appPassword: appPassword.data.password,
  })
}

let closing = false
const shutdown = async () => {
  if (closing) return
  closing = true
  try {
    await network.close()
  } catch (err) {
    log('close:', err?.message ?? err)
  }
  process.exit(0)
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
process.stdin.on('end', shutdown)
process.stdin.on('error', shutdown)
process.stdin.resume()

process.stdout.write(JSON.stringify({ url, plcUrl: network.plc.url, jwtSecret, accounts }) + '\n')
