package auth

import "strings"

// DeviceName names the browser and system a request came from ("Firefox on Windows") for an
// email that says where a sign-in code was asked for. It only ever returns words from its own
// lists: the User-Agent is text an attacker chooses, and none of it reaches the email.
func DeviceName(userAgent string) string {
	ua := strings.ToLower(userAgent)
	browser := "a browser"
	for _, b := range []struct{ token, name string }{
		{"edg/", "Edge"}, {"opr/", "Opera"}, {"samsungbrowser", "Samsung Internet"}, {"firefox/", "Firefox"},
		{"fxios", "Firefox"}, {"crios", "Chrome"}, {"chromium", "Chromium"}, {"chrome/", "Chrome"},
		{"safari/", "Safari"}, {"curl/", "curl"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	system := ""
	for _, s := range []struct{ token, name string }{
		{"iphone", "iPhone"}, {"ipad", "iPad"}, {"android", "Android"}, {"windows", "Windows"},
		{"mac os x", "macOS"}, {"macintosh", "macOS"}, {"cros", "ChromeOS"}, {"linux", "Linux"},
	} {
		if strings.Contains(ua, s.token) {
			system = s.name
			break
		}
	}
	if system == "" {
		return browser
	}
	return browser + " on " + system
}
