package webhooks

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// secretPrefix marks a signing secret, as in the Standard Webhooks libraries (which strip it
// and decode the rest as base64).
const secretPrefix = "whsec_"

// newSecret returns a fresh signing secret: 32 random bytes.
func newSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("webhooks: no randomness: " + err.Error())
	}
	return secretPrefix + base64.StdEncoding.EncodeToString(b)
}

func secretKey(secret string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, secretPrefix))
	if err != nil || len(b) == 0 {
		return nil, errors.New("webhooks: malformed signing secret")
	}
	return b, nil
}

// signature is the webhook-signature header of the Standard Webhooks spec: for each key,
// "v1," and the base64 HMAC-SHA256 of "id.timestamp.body", space-separated (two during a
// secret rotation, so receivers with either secret verify).
func signature(keys [][]byte, id string, at time.Time, body []byte) string {
	prefix := id + "." + strconv.FormatInt(at.Unix(), 10) + "."
	sigs := make([]string, len(keys))
	for i, k := range keys {
		mac := hmac.New(sha256.New, k)
		mac.Write([]byte(prefix))
		mac.Write(body)
		sigs[i] = "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	return strings.Join(sigs, " ")
}
