// Package dns is Node's dns and dns/promises: lookup and the resolve* family over Go's resolver,
// off the event loop, with Node's error codes (ENOTFOUND, ENODATA...).
package dns

import (
	"context"
	"errors"
	"net"
	"os"
	"strings"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

func init() {
	jsrt.RegisterModule("dns", Require)
	jsrt.RegisterModule("dns/promises", func(rt *goja.Runtime, module *goja.Object) {
		module.Set("exports", host.Require(rt, "dns").ToObject(rt).Get("promises"))
	})
}

// query runs one resolver call off the loop. Results are JSON-like Go values.
type query func(ctx context.Context, r *net.Resolver, name string, family int) (any, error)

var queries = map[string]query{
	"lookup": func(ctx context.Context, r *net.Resolver, name string, family int) (any, error) {
		if ip := net.ParseIP(name); ip != nil {
			return []any{host.Obj("address", ip.String(), "family", familyOf(ip))}, nil
		}
		network := map[int]string{4: "ip4", 6: "ip6"}[family]
		if network == "" {
			network = "ip"
		}
		ips, err := r.LookupIP(ctx, network, name)
		if err != nil {
			return nil, err
		}
		out := make([]any, 0, len(ips))
		for _, ip := range ips {
			out = append(out, host.Obj("address", ip.String(), "family", familyOf(ip)))
		}
		return out, nil
	},
	"resolve4": func(ctx context.Context, r *net.Resolver, name string, _ int) (any, error) {
		return ipStrings(r.LookupIP(ctx, "ip4", name))
	},
	"resolve6": func(ctx context.Context, r *net.Resolver, name string, _ int) (any, error) {
		return ipStrings(r.LookupIP(ctx, "ip6", name))
	},
	"resolveCname": func(ctx context.Context, r *net.Resolver, name string, _ int) (any, error) {
		c, err := r.LookupCNAME(ctx, name)
		return []string{strings.TrimSuffix(c, ".")}, err
	},
	"resolveMx": func(ctx context.Context, r *net.Resolver, name string, _ int) (any, error) {
		mx, err := r.LookupMX(ctx, name)
		out := []any{}
		for _, m := range mx {
			out = append(out, host.Obj("exchange", strings.TrimSuffix(m.Host, "."), "priority", m.Pref))
		}
		return out, err
	},
	"resolveTxt": func(ctx context.Context, r *net.Resolver, name string, _ int) (any, error) {
		txt, err := r.LookupTXT(ctx, name)
		out := []any{}
		for _, t := range txt {
			out = append(out, []string{t})
		}
		return out, err
	},
	"resolveSrv": func(ctx context.Context, r *net.Resolver, name string, _ int) (any, error) {
		_, srv, err := r.LookupSRV(ctx, "", "", name)
		out := []any{}
		for _, s := range srv {
			out = append(out, host.Obj("name", strings.TrimSuffix(s.Target, "."), "port", s.Port, "priority", s.Priority, "weight", s.Weight))
		}
		return out, err
	},
	"resolveNs": func(ctx context.Context, r *net.Resolver, name string, _ int) (any, error) {
		ns, err := r.LookupNS(ctx, name)
		out := []string{}
		for _, n := range ns {
			out = append(out, strings.TrimSuffix(n.Host, "."))
		}
		return out, err
	},
	"reverse": func(ctx context.Context, r *net.Resolver, name string, _ int) (any, error) {
		names, err := r.LookupAddr(ctx, name)
		for i := range names {
			names[i] = strings.TrimSuffix(names[i], ".")
		}
		return names, err
	},
}

func familyOf(ip net.IP) int {
	if ip.To4() != nil {
		return 4
	}
	return 6
}

func ipStrings(ips []net.IP, err error) (any, error) {
	out := make([]string, 0, len(ips))
	for _, ip := range ips {
		out = append(out, ip.String())
	}
	return out, err
}

// Require builds the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	bind := rt.NewObject()
	bind.Set("query", func(kind, name string, family int, cb goja.Callable) {
		q, ok := queries[kind]
		if !ok {
			panic(rt.NewTypeError("dns: unknown query " + kind))
		}
		host.Instance(rt).Go(func() func(*goja.Runtime) {
			res, err := host.Guard(func() (any, error) { return q(context.Background(), net.DefaultResolver, name, family) })
			return func(rt *goja.Runtime) {
				if err != nil {
					_, _ = cb(goja.Undefined(), errorInfo(rt, err, kind, name))
					return
				}
				_, _ = cb(goja.Undefined(), goja.Null(), host.Value(rt, res))
			}
		})
	})
	bind.Set("servers", func() []string { return nameservers() })
	fn, err := rt.RunString(dnsJS)
	if err != nil {
		panic(err)
	}
	build, _ := goja.AssertFunction(fn)
	if _, err := build(goja.Undefined(), module.Get("exports"), bind); err != nil {
		panic(err)
	}
}

func errorInfo(rt *goja.Runtime, err error, kind, name string) goja.Value {
	syscall := map[string]string{"lookup": "getaddrinfo", "resolve4": "queryA", "resolve6": "queryAaaa", "resolveCname": "queryCname",
		"resolveMx": "queryMx", "resolveTxt": "queryTxt", "resolveSrv": "querySrv", "resolveNs": "queryNs", "reverse": "getHostByAddr"}[kind]
	code := "ESERVFAIL"
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		switch {
		case dnsErr.IsNotFound:
			code = "ENOTFOUND"
		case dnsErr.IsTimeout:
			code = "ETIMEOUT"
		}
	}
	e := rt.NewObject()
	e.Set("code", code)
	e.Set("syscall", syscall)
	e.Set("hostname", name)
	if kind == "lookup" && code == "ENOTFOUND" {
		e.Set("errno", -3008)
	}
	e.Set("message", syscall+" "+code+" "+name)
	return e
}

// dnsJS shapes Node's callback and promise APIs over bind.query.
const dnsJS = `(function (exports, bind) {
  'use strict';
  function toError(info) {
    const e = new Error(info.message);
    for (const k of ['code', 'errno', 'syscall', 'hostname']) if (info[k] !== undefined) e[k] = info[k];
    return e;
  }
  let resultOrder = 'verbatim';
  function ordered(list, order) {
    if (order === 'ipv4first') return list.slice().sort((a, b) => a.family - b.family);
    if (order === 'ipv6first') return list.slice().sort((a, b) => b.family - a.family);
    return list;
  }
  function lookup(hostname, options, callback) {
    if (typeof options === 'function') { callback = options; options = {}; }
    if (typeof options === 'number') options = { family: options };
    options = options || {};
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family || 0;
    if (!hostname) {
      queueMicrotask(() => (options.all ? callback(null, []) : callback(null, null, family === 6 ? 6 : 4)));
      return {};
    }
    bind.query('lookup', String(hostname), family, (err, res) => {
      if (err) return callback(toError(err));
      res = ordered(res, options.order || (options.verbatim === false ? 'ipv4first' : resultOrder));
      if (options.all) return callback(null, res);
      callback(null, res[0].address, res[0].family);
    });
    return {};
  }
  const exports_ = { lookup, ADDRCONFIG: 1024, V4MAPPED: 2048, ALL: 256, NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL',
    NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP', REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', TIMEOUT: 'ETIMEOUT',
    CONNREFUSED: 'ECONNREFUSED', CANCELLED: 'ECANCELLED' };
  const kinds = ['resolve4', 'resolve6', 'resolveCname', 'resolveMx', 'resolveTxt', 'resolveSrv', 'resolveNs', 'reverse'];
  for (const kind of kinds) {
    exports_[kind] = (name, options, callback) => {
      if (typeof options === 'function') callback = options;
      bind.query(kind, String(name), 0, (err, res) => (err ? callback(toError(err)) : callback(null, res)));
    };
  }
  const byType = { A: 'resolve4', AAAA: 'resolve6', CNAME: 'resolveCname', MX: 'resolveMx', TXT: 'resolveTxt', SRV: 'resolveSrv', NS: 'resolveNs' };
  exports_.resolve = (name, rrtype, callback) => {
    if (typeof rrtype === 'function') { callback = rrtype; rrtype = 'A'; }
    const kind = byType[rrtype];
    if (!kind) { const e = new TypeError('The argument \'rrtype\' is invalid. Received \'' + rrtype + '\''); e.code = 'ERR_INVALID_ARG_VALUE'; throw e; }
    exports_[kind](name, callback);
  };
  const promisify = (fn, multi) => (...args) => new Promise((resolve, reject) => fn(...args, (err, a, b) => (err ? reject(err) : resolve(multi ? a : a))));
  const promises = {};
  promises.lookup = (hostname, options) => new Promise((resolve, reject) => lookup(hostname, options || {}, (err, address, family) => {
    if (err) return reject(err);
    resolve(options && options.all ? address : { address, family });
  }));
  for (const kind of kinds.concat(['resolve'])) promises[kind] = promisify(exports_[kind]);
  exports_.promises = promises;
  Object.defineProperty(lookup, Symbol.for('nodejs.util.promisify.custom'), { value: promises.lookup });
  exports_.getServers = () => bind.servers();
  exports_.setServers = () => {
    const e = new Error('dns.setServers is not supported in dxhost: lookups use the host resolver');
    e.code = 'ERR_DXHOST_UNAVAILABLE';
    throw e;
  };
  exports_.setDefaultResultOrder = (order) => {
    if (!['verbatim', 'ipv4first', 'ipv6first'].includes(order)) {
      const e = new TypeError("The argument 'dnsOrder' must be one of: 'verbatim', 'ipv4first', 'ipv6first'. Received '" + order + "'");
      e.code = 'ERR_INVALID_ARG_VALUE';
      throw e;
    }
    resultOrder = order;
  };
  exports_.getDefaultResultOrder = () => resultOrder;
  class Resolver { constructor() { Object.assign(this, exports_); } cancel() {} }
  exports_.Resolver = Resolver;
  promises.Resolver = Resolver;
  Object.assign(exports, exports_);
})`

// nameservers are the resolver's servers from /etc/resolv.conf (dns.getServers).
func nameservers() []string {
	out := []string{}
	b, err := os.ReadFile("/etc/resolv.conf")
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "nameserver" {
			out = append(out, f[1])
		}
	}
	return out
}
