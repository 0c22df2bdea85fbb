package resendfake

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// limiter is a token bucket with burst 1: at most one request may be admitted
// per 1/rate seconds, which is how a "2 requests per second" team limit
// behaves when a client hammers the API. It is guarded by Server.mu.
type limiter struct {
	rate   float64 // tokens per second; 0 disables limiting
	tokens float64
	last   time.Time
}

func newLimiter(rate float64) limiter { return limiter{rate: rate, tokens: 1} }

// take refills the bucket for the elapsed time and consumes one token if
// possible. When the request is refused it reports how long until a token is
// available. Refused requests do not consume tokens, otherwise a client that
// keeps retrying would be locked out forever.
func (l *limiter) take(now time.Time) (ok bool, wait time.Duration) {
	if l.rate <= 0 {
		return true, 0
	}
	if !l.last.IsZero() {
		l.tokens = math.Min(1, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	}
	l.last = now
	if l.tokens >= 1 {
		l.tokens--
		return true, 0
	}
	return false, time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
}

// untilFull is the time until the bucket is full again (ratelimit-reset).
func (l *limiter) untilFull() time.Duration {
	return time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
}

// ceilSeconds renders a duration as whole seconds, rounding up and never below
// 1, which is the format of Resend's retry-after and ratelimit-reset headers
// (a client that honours "0" would spin).
func ceilSeconds(d time.Duration) string {
	s := int64(math.Ceil(d.Seconds()))
	if s < 1 {
		s = 1
	}
	return strconv.FormatInt(s, 10)
}

// setHeaders writes the ratelimit-* headers Resend sends on every response.
func (l *limiter) setHeaders(h http.Header) {
	if l.rate <= 0 {
		return
	}
	h.Set("ratelimit-limit", strconv.FormatFloat(l.rate, 'f', -1, 64))
	h.Set("ratelimit-remaining", strconv.Itoa(int(math.Floor(l.tokens))))
	h.Set("ratelimit-reset", ceilSeconds(l.untilFull()))
}
