//go:build tools

// Package tools pins the modules dxhost is built from, so go mod tidy keeps them before code imports them.
package tools

import (
	_ "github.com/dop251/goja"
	_ "github.com/dop251/goja_nodejs/eventloop"
	_ "github.com/dop251/goja_nodejs/require"
	_ "github.com/evanw/esbuild/pkg/api"
	_ "github.com/gin-gonic/gin"
	_ "github.com/jmoiron/sqlx"
	_ "github.com/sirupsen/logrus"
)

import (
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/go-sql-driver/mysql"
	_ "github.com/golang-jwt/jwt/v5"
	_ "github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/joho/godotenv"
	_ "github.com/redis/go-redis/v9"
	_ "github.com/robfig/cron/v3"
	_ "go.uber.org/goleak"
	_ "golang.org/x/crypto/argon2"
	_ "golang.org/x/sync/errgroup"
	_ "gopkg.in/yaml.v3"
	_ "modernc.org/sqlite"
)
