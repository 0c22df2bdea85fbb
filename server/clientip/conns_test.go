package clientip

import (
	"bufio"
	"net"
	"strings"
	"testing"
	"time"
)

func TestLimitConns(t *testing.T) {
	for _, tc := range []struct {
		name    string
		proxies []string
		capped  bool
	}{
		{"a client", nil, true},
		{"a trusted proxy", []string{"127.0.0.1"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := ParseProxies(tc.proxies)
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			lim := LimitConns(ln, 2, p)
			defer lim.Close()
			accepted := make(chan net.Conn, 10)
			go func() {
				for {
					c, err := lim.Accept()
					if err != nil {
						return
					}
					accepted <- c
				}
			}()
			dial := func() net.Conn {
				c, err := net.Dial("tcp", ln.Addr().String())
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { c.Close() })
				return c
			}
			next := func() net.Conn {
				select {
				case c := <-accepted:
					return c
				case <-time.After(2 * time.Second):
					return nil
				}
			}
			dial()
			dial()
			first, second := next(), next()
			if first == nil || second == nil {
				t.Fatal("the first two connections were not accepted")
			}
			third := dial()
			third.SetReadDeadline(time.Now().Add(2 * time.Second))
			line, _ := bufio.NewReader(third).ReadString('\n')
			if refused := strings.HasPrefix(line, "HTTP/1.1 429"); refused != tc.capped {
				t.Fatalf("third connection: %q, capped %v", line, tc.capped)
			}
			if !tc.capped {
				return
			}
			first.Close()
			first.Close() // twice: the slot is given back once
			dial()
			if next() == nil {
				t.Fatal("a closed connection did not free its slot")
			}
			dial()
			if next() != nil {
				t.Fatal("a second Close freed a second slot")
			}
		})
	}
}
