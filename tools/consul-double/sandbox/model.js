// The sandbox's Consul, for the templates in this directory (serve.js makes this module the
// templates' `model`). Its nodes are scripts/sandbox.sh's default hosts, by the same names and
// addresses, so health maps onto the board; each service instance carries the environment of the
// host it runs on as an environment=<env> tag. Everything is fixed: the same answers every time,
// whatever the seed, and one catalog behind every endpoint, so that they agree.
'use strict';

const DATACENTER = 'dc1'; // as the sandbox's pools.yaml names it
// Nothing ever changes, so every answer carries this index, and a blocking query at this index
// is held as Consul holds one with no change: until its wait runs out.
const INDEX = 120;
const DEFAULT_WAIT_MS = 5 * 60 * 1000; // Consul's default for ?wait
const MAX_WAIT_MS = 10 * 60 * 1000; // and its ceiling

// scripts/sandbox.sh: swarm-N at .10+N, host-N at .20+N; environment labels as `up` sets them.
const NODES = [
  { node: 'envboard-swarm-1', address: '10.254.77.11', environment: 'qa' },
  { node: 'envboard-swarm-2', address: '10.254.77.12', environment: 'demo' },
  { node: 'envboard-swarm-3', address: '10.254.77.13', environment: null,
    maintenance: 'Replacing a failed disk (ticket OPS-1432)' },
  { node: 'envboard-host-1', address: '10.254.77.21', environment: 'qa' },
  { node: 'envboard-host-2', address: '10.254.77.22', environment: null },
];

// One entry per service instance; check: http or tcp, passing unless status says otherwise.
const INSTANCES = [
  { service: 'consul', node: 'envboard-swarm-1', port: 8300, check: null }, // a server: no service check
  { service: 'web', node: 'envboard-swarm-1', port: 8080, check: 'http' },
  { service: 'web', node: 'envboard-host-1', port: 8080, check: 'http' },
  { service: 'web', node: 'envboard-swarm-2', port: 8080, check: 'http',
    maintenance: 'Demo paused until Monday (presales)' },
  { service: 'api', node: 'envboard-swarm-1', port: 9090, check: 'http' },
  { service: 'api', node: 'envboard-host-1', port: 9090, check: 'http', status: 'warning',
    output: 'HTTP GET http://10.254.77.21:9090/health: 429 Too Many Requests Output: queue 91% full' },
  { service: 'api', node: 'envboard-swarm-2', port: 9090, check: 'http' },
  { service: 'worker', node: 'envboard-host-1', port: 9100, check: 'tcp' },
  { service: 'worker', node: 'envboard-swarm-2', port: 9100, check: 'tcp', status: 'critical',
    output: 'dial tcp 10.254.77.12:9100: connect: connection refused' },
];

const nodeOf = (name) => NODES.find((n) => n.node === name);
const idOf = (instance) => `${instance.service}-${instance.node}`;
const octet = (node) => node.address.split('.')[3].padStart(12, '0');

function tagsOf(instance) {
  if (instance.service === 'consul') return [];
  const environment = nodeOf(instance.node).environment;
  return environment ? [`environment=${environment}`] : [];
}

function nodeJson(node) {
  return {
    ID: `eb000000-0000-4000-8000-${octet(node)}`,
    Node: node.node,
    Address: node.address,
    Datacenter: DATACENTER,
    TaggedAddresses: { lan: node.address, lan_ipv4: node.address, wan: node.address, wan_ipv4: node.address },
    Meta: { 'consul-network-segment': '' },
    CreateIndex: 11,
    ModifyIndex: 11,
  };
}

function serviceJson(instance) {
  return {
    ID: idOf(instance),
    Service: instance.service,
    Tags: tagsOf(instance),
    Address: nodeOf(instance.node).address,
    Meta: {},
    Port: instance.port,
    Weights: { Passing: 1, Warning: 1 },
    EnableTagOverride: false,
    CreateIndex: 20,
    ModifyIndex: 20,
  };
}

function check(fields) {
  return Object.assign({
    Node: '', CheckID: '', Name: '', Status: 'passing', Notes: '', Output: '',
    ServiceID: '', ServiceName: '', ServiceTags: [], Type: '', Definition: {},
    CreateIndex: 30, ModifyIndex: 30,
  }, fields);
}

// Node checks: Serf's, and Consul's own maintenance check (critical, the reason in Notes).
function nodeChecks(node) {
  const checks = [check({
    Node: node.node, CheckID: 'serfHealth', Name: 'Serf Health Status', Output: 'Agent alive and reachable',
  })];
  if (node.maintenance) {
    checks.push(check({
      Node: node.node, CheckID: '_node_maintenance', Name: 'Node Maintenance Mode', Type: 'maintenance',
      Status: 'critical', Notes: node.maintenance, ModifyIndex: INDEX,
    }));
  }
  return checks;
}

function serviceChecks(instance) {
  const node = nodeOf(instance.node);
  const id = idOf(instance);
  const owner = { Node: node.node, ServiceID: id, ServiceName: instance.service, ServiceTags: tagsOf(instance) };
  const checks = [];
  if (instance.check) {
    const target = `${node.address}:${instance.port}`;
    const passingOutput = instance.check === 'http'
      ? `HTTP GET http://${target}/health: 200 OK Output: ok`
      : `TCP connect ${target}: Success`;
    checks.push(check(Object.assign({}, owner, {
      CheckID: `service:${id}`, Name: `Service '${instance.service}' check`, Type: instance.check,
      Status: instance.status || 'passing', Output: instance.output || passingOutput,
      ModifyIndex: instance.status ? INDEX : 30,
    })));
  }
  if (instance.maintenance) {
    checks.push(check(Object.assign({}, owner, {
      CheckID: `_service_maintenance:${id}`, Name: 'Service Maintenance Mode', Type: 'maintenance',
      Status: 'critical', Notes: instance.maintenance, ModifyIndex: INDEX,
    })));
  }
  return checks;
}

const allChecks = () => NODES.flatMap((node) => nodeChecks(node).concat(
  INSTANCES.filter((i) => i.node === node.node).flatMap(serviceChecks)));

// ?tag=a&tag=b: instances carrying every one of them.
function withTags(instances, search) {
  const wanted = [].concat(search.tag || []);
  return instances.filter((i) => wanted.every((tag) => tagsOf(i).includes(tag)));
}

// ---------------------------------------------------------------------------------------------
// What the templates call: each returns the body, and config() the .config that goes with it.

// A request this Consul refuses, as Consul would: [status, body], or null.
function refusal(location) {
  const search = location.search || {};
  if (search.dc !== undefined && search.dc !== DATACENTER) return [500, 'No path to datacenter'];
  const path = String(location.pathname);
  const state = location.pathname.get(3);
  if (path.startsWith('/v1/health/state/') && !['any', 'passing', 'warning', 'critical'].includes(state)) {
    return [400, `Invalid check state "${state}"`];
  }
  return null;
}

// Go durations as Consul takes them for ?wait ("10s", "1m30s", "500ms").
function waitMs(wait) {
  if (wait === undefined || wait === '') return DEFAULT_WAIT_MS;
  const units = { ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  const rest = String(wait).replace(/(\d+(?:\.\d+)?)(ms|s|m|h)/g, (all, n, unit) => {
    total += Number(n) * units[unit];
    return '';
  });
  return rest === '' ? Math.min(total, MAX_WAIT_MS) : DEFAULT_WAIT_MS;
}

// A blocking query (?index=INDEX) is held for its wait, at most `latencyMs` (CONSUL_LATENCY, so
// that tests need not wait minutes); any other index is answered at once, as Consul does.
function config(location, latencyMs) {
  const search = location.search || {};
  const refused = refusal(location);
  const blocked = !refused && search.index !== undefined && Number(search.index) === INDEX;
  return JSON.stringify({
    '*': {
      GET: {
        '*': {
          latency: blocked ? Math.min(waitMs(search.wait), Number(latencyMs)) : 0,
          headers: {
            response: {
              'Status-Code': refused ? refused[0] : 200,
              'X-Consul-Index': INDEX,
              'X-Consul-KnownLeader': 'true',
              'X-Consul-LastContact': 0,
            },
          },
        },
      },
    },
  });
}

function answer(location, body) {
  const refused = refusal(location);
  return refused ? refused[1] : JSON.stringify(body(location.search || {}, location.pathname.get(3)), null, 2);
}

module.exports = {
  INDEX,
  config,

  datacenters: (location) => answer(location, () => [DATACENTER]),

  catalogNodes: (location) => answer(location, () => NODES.map(nodeJson)),

  catalogServices: (location) => answer(location, () => {
    const services = {};
    for (const instance of INSTANCES) {
      const tags = services[instance.service] || (services[instance.service] = []);
      for (const tag of tagsOf(instance)) if (!tags.includes(tag)) tags.push(tag);
    }
    return services;
  }),

  catalogService: (location) => answer(location, (search, name) =>
    withTags(INSTANCES.filter((i) => i.service === name), search).map((instance) => {
      const node = nodeJson(nodeOf(instance.node));
      const service = serviceJson(instance);
      return {
        ID: node.ID, Node: node.Node, Address: node.Address, Datacenter: node.Datacenter,
        TaggedAddresses: node.TaggedAddresses, NodeMeta: node.Meta,
        ServiceID: service.ID, ServiceName: service.Service, ServiceTags: service.Tags,
        ServiceAddress: service.Address, ServiceMeta: service.Meta, ServicePort: service.Port,
        ServiceWeights: service.Weights, ServiceEnableTagOverride: false,
        CreateIndex: service.CreateIndex, ModifyIndex: service.ModifyIndex,
      };
    })),

  // Consul answers an unknown node with null.
  catalogNode: (location) => answer(location, (search, name) => {
    const node = nodeOf(name);
    if (!node) return null;
    const services = {};
    for (const instance of INSTANCES.filter((i) => i.node === name)) services[idOf(instance)] = serviceJson(instance);
    return { Node: nodeJson(node), Services: services };
  }),

  // ?passing: only instances whose checks, their node's included, all pass.
  healthService: (location) => answer(location, (search, name) =>
    withTags(INSTANCES.filter((i) => i.service === name), search)
      .map((instance) => ({
        Node: nodeJson(nodeOf(instance.node)),
        Service: serviceJson(instance),
        Checks: nodeChecks(nodeOf(instance.node)).concat(serviceChecks(instance)),
      }))
      .filter((entry) => search.passing === undefined || search.passing === 'false' ||
        entry.Checks.every((c) => c.Status === 'passing'))),

  healthState: (location) => answer(location, (search, state) =>
    allChecks().filter((c) => state === 'any' || c.Status === state)),

  healthNode: (location) => answer(location, (search, name) => allChecks().filter((c) => c.Node === name)),

  healthChecks: (location) => answer(location, (search, name) =>
    INSTANCES.filter((i) => i.service === name).flatMap(serviceChecks)),
};
