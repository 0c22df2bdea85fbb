package clientip

import (
	"net"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// LimitConns caps the connections open at once from one client address (IPv6: one /64):
// every open connection holds buffers and a goroutine, and a cap per client, unlike a small
// global one, keeps everyone else served. A connection over the cap is answered 429 and
// closed. Connections from trusted proxies are not capped: every client behind them shares
// their address. max ≤ 0 means no cap.
//
// fasthttp's own MaxConnsPerIP is not used: it counts IPv4 peers only (IPv6 clients are never
// capped) and would cap the load balancer itself.
func LimitConns(ln net.Listener, max int, proxies Proxies) net.Listener {
	if max <= 0 {
		return ln
	}
	return &connLimiter{Listener: ln, max: max, proxies: proxies, open: map[string]int{}}
}

type connLimiter struct {
	net.Listener
	max     int
	proxies Proxies

	mu   sync.Mutex
	open map[string]int
}

func (l *connLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		key, capped := l.key(c)
		if !capped {
			return c, nil
		}
		if !l.acquire(key) {
			go refuse(c)
			continue
		}
		return &countedConn{Conn: c, release: func() { l.release(key) }}, nil
	}
}

// key is the client's bucket, and whether its connections are capped at all.
func (l *connLimiter) key(c net.Conn) (string, bool) {
	tcp, ok := c.RemoteAddr().(*net.TCPAddr)
	if !ok {
		return "", false
	}
	a, ok := netip.AddrFromSlice(tcp.IP)
	if !ok || l.proxies.Trusted(a) {
		return "", false
	}
	return Bucket(a.Unmap().String()), true
}

func (l *connLimiter) acquire(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[key] >= l.max {
		return false
	}
	l.open[key]++
	return true
}

func (l *connLimiter) release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[key]--; l.open[key] <= 0 {
		delete(l.open, key)
	}
}

const tooManyConns = `{"code":"too_many_connections","message":"Too many connections from your address. Close some and try again."}`

// refuse answers a connection over the cap and closes it, without waiting for its request.
func refuse(c net.Conn) {
	_ = c.SetWriteDeadline(time.Now().Add(2 * time.Second))
	_, _ = c.Write([]byte("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: " +
		strconv.Itoa(len(tooManyConns)) + "\r\n\r\n" + tooManyConns))
	_ = c.Close()
}

// countedConn gives its slot back when it closes (once, however often Close is called).
type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}
