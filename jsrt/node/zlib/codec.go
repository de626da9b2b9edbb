package zlib

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"

	"github.com/andybalholm/brotli"
)

// A format is one of Node's zlib modes.
type format string

const (
	fGzip       format = "gzip"
	fDeflate    format = "deflate"
	fDeflateRaw format = "deflateRaw"
	fBrotli     format = "brotli"
	fUnzip      format = "unzip" // gunzip or inflate, whichever the header says
)

// compressor streams compressed output: Write, then Bytes drains what is ready.
type compressor struct {
	out bytes.Buffer
	w   io.WriteCloser
	fl  interface{ Flush() error }
}

func newCompressor(f format, level int) (*compressor, error) {
	c := &compressor{}
	var err error
	switch f {
	case fGzip:
		var w *gzip.Writer
		w, err = gzip.NewWriterLevel(&c.out, level)
		c.w, c.fl = w, w
	case fDeflate:
		var w *zlib.Writer
		w, err = zlib.NewWriterLevel(&c.out, level)
		c.w, c.fl = w, w
	case fDeflateRaw:
		var w *flate.Writer
		w, err = flate.NewWriter(&c.out, level)
		c.w, c.fl = w, w
	case fBrotli:
		if level < 0 || level > 11 {
			level = 11
		}
		w := brotli.NewWriterLevel(&c.out, level)
		c.w, c.fl = w, w
	default:
		err = errors.New("unknown compression format")
	}
	return c, err
}

func (c *compressor) write(p []byte) ([]byte, error) {
	if _, err := c.w.Write(p); err != nil {
		return nil, err
	}
	return c.drain(), nil
}

func (c *compressor) flush() ([]byte, error) {
	if err := c.fl.Flush(); err != nil {
		return nil, err
	}
	return c.drain(), nil
}

func (c *compressor) close() ([]byte, error) {
	if err := c.w.Close(); err != nil {
		return nil, err
	}
	return c.drain(), nil
}

func (c *compressor) drain() []byte {
	out := append([]byte(nil), c.out.Bytes()...)
	c.out.Reset()
	return out
}

// decompress inflates a whole input (decompression streams collect their input and inflate at end).
func decompress(f format, in []byte) ([]byte, error) {
	var r io.Reader
	var err error
	src := bytes.NewReader(in)
	if f == fUnzip {
		if len(in) >= 2 && in[0] == 0x1f && in[1] == 0x8b {
			f = fGzip
		} else {
			f = fDeflate
		}
	}
	switch f {
	case fGzip:
		r, err = gzip.NewReader(src)
	case fDeflate:
		r, err = zlib.NewReader(src)
	case fDeflateRaw:
		r = flate.NewReader(src)
	case fBrotli:
		r = brotli.NewReader(src)
	default:
		err = errors.New("unknown compression format")
	}
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// zlibError is Node's error for bad input: its code and errno (Z_DATA_ERROR -3, Z_BUF_ERROR -5).
func zlibError(err error) (message, code string, errno int) {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "unexpected end of file", "Z_BUF_ERROR", -5
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, zlib.ErrHeader):
		return "incorrect header check", "Z_DATA_ERROR", -3
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, zlib.ErrChecksum):
		return "incorrect data check", "Z_DATA_ERROR", -3
	}
	var corrupt flate.CorruptInputError
	if errors.As(err, &corrupt) {
		return "invalid stored block lengths", "Z_DATA_ERROR", -3
	}
	return err.Error(), "Z_DATA_ERROR", -3
}
