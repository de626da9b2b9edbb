package errs

import (
	"github.com/dxhost/dxhost/services/env"

	"fmt"
	"math"
	"strconv"
	"strings"
)

// Constructors for the @directus/errors classes the Go side raises. Messages follow spec 03 §2 word for word.

// InvalidPayload is InvalidPayloadError({ reason }): 400 "Invalid payload. <reason>."
func InvalidPayload(reason string) *Error {
	return New(CodeInvalidPayload, 400, "Invalid payload. "+reason+".", map[string]any{"reason": reason})
}

// InvalidQuery is InvalidQueryError({ reason }): 400 "Invalid query. <reason>."
func InvalidQuery(reason string) *Error {
	return New(CodeInvalidQuery, 400, "Invalid query. "+reason+".", map[string]any{"reason": reason})
}

// InvalidPathParameter is InvalidPathParameterError({ reason }).
func InvalidPathParameter(reason string) *Error {
	return New(CodeInvalidPathParameter, 400, "Invalid path parameter. "+reason+".", map[string]any{"reason": reason})
}

// UnprocessableContent is UnprocessableContentError({ reason }).
func UnprocessableContent(reason string) *Error {
	return New(CodeUnprocessableContent, 422, "Can't process content. "+reason+".", map[string]any{"reason": reason})
}

// Forbidden is ForbiddenError() with the default message.
func Forbidden() *Error {
	return New(CodeForbidden, 403, "You don't have permission to access this.", nil)
}

// ForbiddenReason is ForbiddenError({ reason }): the reason replaces the message.
func ForbiddenReason(reason string) *Error {
	return New(CodeForbidden, 403, reason, map[string]any{"reason": reason})
}

// RouteNotFound is RouteNotFoundError({ path }): 404 "Route <path> doesn't exist."
func RouteNotFound(path string) *Error {
	return New(CodeRouteNotFound, 404, "Route "+path+" doesn't exist.", map[string]any{"path": path})
}

// ServiceUnavailable is ServiceUnavailableError({ service, reason }).
func ServiceUnavailable(service, reason string) *Error {
	return New(CodeServiceUnavailable, 503, fmt.Sprintf("Service \"%s\" is unavailable. %s.", service, reason),
		map[string]any{"service": service, "reason": reason}).ordered("service", "reason")
}

// MethodNotAllowed is MethodNotAllowedError({ allowed, current }); the handler sets the Allow header.
func MethodNotAllowed(allowed []string, current string) *Error {
	quoted := make([]string, len(allowed))
	for i, m := range allowed {
		quoted[i] = `"` + m + `"`
	}
	msg := fmt.Sprintf("Invalid method \"%s\" used. Should be one of %s.", current, strings.Join(quoted, ", "))
	list := make([]any, len(allowed))
	for i, m := range allowed {
		list[i] = m
	}
	return New(CodeMethodNotAllowed, 405, msg, map[string]any{"allowed": list, "current": current})
}

// UnsupportedMediaType is UnsupportedMediaTypeError({ mediaType, where }).
func UnsupportedMediaType(mediaType, where string) *Error {
	return New(CodeUnsupportedMediaType, 415, fmt.Sprintf("Unsupported media type \"%s\" in %s.", mediaType, where),
		map[string]any{"mediaType": mediaType, "where": where})
}

// InternalServer is InternalServerError() (a Directus error, unlike Internal which is a plain one).
func InternalServer() *Error {
	return New(CodeInternal, 500, "An unexpected error occurred.", nil)
}

// InvalidCredentials is InvalidCredentialsError().
func InvalidCredentials() *Error {
	return New(CodeInvalidCredentials, 401, "Invalid user credentials.", nil)
}

// InvalidToken is InvalidTokenError() (403, as Directus).
func InvalidToken() *Error { return New(CodeInvalidToken, 403, "Invalid token.", nil) }

// TokenExpired is TokenExpiredError().
func TokenExpired() *Error { return New(CodeTokenExpired, 401, "Token expired.", nil) }

// InvalidIP is InvalidIpError().
func InvalidIP() *Error { return New(CodeInvalidIP, 401, "Invalid IP address.", nil) }

// InvalidOTP is InvalidOtpError().
func InvalidOTP() *Error { return New(CodeInvalidOTP, 401, "Invalid user OTP.", nil) }

// UserSuspended is UserSuspendedError().
func UserSuspended() *Error { return New(CodeUserSuspended, 401, "User suspended.", nil) }

// InvalidProvider is InvalidProviderError().
func InvalidProvider() *Error { return New(CodeInvalidProvider, 403, "Invalid provider.", nil) }

// ContentTooLarge is ContentTooLargeError().
func ContentTooLarge() *Error {
	return New(CodeContentTooLarge, 413, "Uploaded content is too large.", nil)
}

// UnexpectedResponse is UnexpectedResponseError().
func UnexpectedResponse() *Error {
	return New(CodeUnexpectedResponse, 503, "Received an unexpected response.", nil)
}

// CollectionInactive is CollectionInactiveError({ collection }).
func CollectionInactive(collection string) *Error {
	return New(CodeCollectionInactive, 403, fmt.Sprintf("Collection \"%s\" is inactive.", collection),
		map[string]any{"collection": collection})
}

// NotNullViolation is NotNullViolationError({ collection, field }).
func NotNullViolation(collection, field string) *Error {
	return New(CodeNotNullViolation, 400, "Value "+forField(field)+inCollection(collection)+"can't be null.",
		map[string]any{"collection": collection, "field": field})
}

// RecordNotUnique is RecordNotUniqueError({ collection, field, value }).
func RecordNotUnique(collection, field string, value any) *Error {
	return New(CodeRecordNotUnique, 400, "Value "+quotedValue(value)+forField(field)+inCollection(collection)+"has to be unique.",
		map[string]any{"collection": collection, "field": field, "value": value})
}

// ValueTooLong is ValueTooLongError({ collection, field, value }).
func ValueTooLong(collection, field string, value any) *Error {
	return New(CodeValueTooLong, 400, "Value "+quotedValue(value)+forField(field)+inCollection(collection)+"is too long.",
		map[string]any{"collection": collection, "field": field, "value": value})
}

// ValueOutOfRange is ValueOutOfRangeError({ collection, field, value }).
func ValueOutOfRange(collection, field string, value any) *Error {
	return New(CodeValueOutOfRange, 400, "Numeric value "+quotedValue(value)+forField(field)+inCollection(collection)+"is out of range.",
		map[string]any{"collection": collection, "field": field, "value": value})
}

// InvalidForeignKey is InvalidForeignKeyError({ collection, field, value }).
func InvalidForeignKey(collection, field string, value any) *Error {
	msg := "Invalid foreign key"
	if env.Truthy(value) {
		msg += " \"" + fmt.Sprint(value) + "\""
	}
	if field != "" {
		msg += fmt.Sprintf(" for field \"%s\"", field)
	}
	if collection != "" {
		msg += fmt.Sprintf(" in collection \"%s\"", collection)
	}
	return New(CodeInvalidForeignKey, 400, msg+".",
		map[string]any{"collection": collection, "field": field, "value": value})
}

// ContainsNullValues is ContainsNullValuesError({ collection, field }).
func ContainsNullValues(collection, field string) *Error {
	return New(CodeContainsNullValues, 400, fmt.Sprintf("Field \"%s\" in collection \"%s\" contains null values.", field, collection),
		map[string]any{"collection": collection, "field": field})
}

func forField(field string) string {
	if field == "" {
		return ""
	}
	return fmt.Sprintf("for field \"%s\" ", field)
}

func inCollection(collection string) string {
	if collection == "" {
		return ""
	}
	return fmt.Sprintf("in collection \"%s\" ", collection)
}

func quotedValue(v any) string {
	if !env.Truthy(v) {
		return ""
	}
	return `"` + jsString(v) + `" `
}

// jsString is JavaScript's String(v) for the values Go passes as extensions: numbers print as JS prints
// them (99999999999, not 9.9999999999e+10).
func jsString(v any) string {
	switch x := v.(type) {
	case float64:
		return jsNumber(x)
	case float32:
		return jsNumber(float64(x))
	}
	return fmt.Sprint(v)
}

func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	if a := math.Abs(f); a >= 1e21 || a < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, 64) // 1e+21, 1.5e-07: JS drops the exponent's leading zeros
		mant, exp, _ := strings.Cut(s, "e")
		sign := exp[0]
		exp = strings.TrimLeft(exp[1:], "0")
		return mant + "e" + string(sign) + exp
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// ordered records the JS key order of e's extensions.
func (e *Error) ordered(keys ...string) *Error {
	e.Order = keys
	return e
}
