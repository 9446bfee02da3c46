// A real WebDAV server for the sync tests and the benchmark: the npm webdav-server package, its
// files on disk (so it can be killed and restarted), Basic authentication on 127.0.0.1.
//   node webdav-server.mjs PORT DIR USER PASSWORD [QUOTA_BYTES]
import { v2 as webdav } from 'webdav-server';

const [port, dir, user, password, quota] = process.argv.slice(2);
const users = new webdav.SimpleUserManager();
const account = users.addUser(user, password, false);
const privileges = new webdav.SimplePathPrivilegeManager();
privileges.setRights(account, '/', ['all']);
const server = new webdav.WebDAVServer({
  hostname: '127.0.0.1',
  port: Number(port),
  httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'naqi-test'),
  privilegeManager: privileges,
  rootFileSystem: new webdav.PhysicalFileSystem(dir),
  ...(quota ? { storageManager: new webdav.PerUserStorageManager(Number(quota)) } : {}),
});
server.start(() => process.stdout.write('ready\n'));
