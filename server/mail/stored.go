package mail

import (
	"encoding/json"
	"fmt"
)

// A queued email keeps its message's data (EncodeMessage) until it is rendered outside the
// transaction that queued it (outbox). The data is what the flow read under that
// transaction's locks, so rendering it later gives what rendering it then would have.

type storedMessage struct {
	Kind string          `json:"kind"`
	Data json.RawMessage `json:"data"`
}

// decoders make each kind of message from its stored data.
var decoders = map[string]func([]byte) (Message, error){
	KindWelcome:         decodeAs[Welcome],
	KindPasswordReset:   decodeAs[PasswordReset],
	KindSetPassword:     decodeAs[SetPassword],
	KindPasswordChanged: decodeAs[PasswordChanged],
	KindStaffInvite:     decodeAs[StaffInvite],
	KindStaffNotice:     decodeAs[StaffNotice],
	KindSignInAdded:     decodeAs[SignInAdded],
	KindSignInCode:      decodeAs[SignInCode],
	KindWebhookDisabled: decodeAs[WebhookDisabled],
}

func decodeAs[T Message](b []byte) (Message, error) {
	var m T
	err := json.Unmarshal(b, &m)
	return m, err
}

// EncodeMessage is m's data as stored on its queued email.
func EncodeMessage(m Message) (string, error) {
	if decoders[m.Kind()] == nil {
		return "", fmt.Errorf("mail: no stored form for kind %q", m.Kind())
	}
	data, err := json.Marshal(m)
	if err != nil {
		return "", err
	}
	out, err := json.Marshal(storedMessage{Kind: m.Kind(), Data: data})
	return string(out), err
}

// DecodeMessage is the message EncodeMessage stored.
func DecodeMessage(s string) (Message, error) {
	var sm storedMessage
	if err := json.Unmarshal([]byte(s), &sm); err != nil {
		return nil, fmt.Errorf("mail: stored message: %w", err)
	}
	dec := decoders[sm.Kind]
	if dec == nil {
		return nil, fmt.Errorf("mail: stored message of unknown kind %q", sm.Kind)
	}
	m, err := dec(sm.Data)
	if err != nil {
		return nil, fmt.Errorf("mail: stored %s message: %w", sm.Kind, err)
	}
	return m, nil
}
