package main

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"math/rand/v2"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

// sampleTables creates the tables the program reads. PostgreSQL and
// SQLite read the same statements; SQLite keeps the timestamps as text
// with their offset.
var sampleTables = []string{
	`CREATE TABLE customers (
	id    text PRIMARY KEY,
	name  text,
	phone text,
	email text,
	city  text
)`,
	`CREATE TABLE orders (
	id          text PRIMARY KEY,
	customer_id text,
	ordered_at  timestamptz,
	amount      numeric(12,2)
)`,
}

// createSample creates customers and orders and fills them with a fixed
// sample of 300 customers and their orders in 2024, one of which has an
// amount that is not a number. It fails if either table exists.
func createSample(ctx context.Context, db *sql.DB, dialect string, loc *time.Location) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // a no-op after Commit
	for _, stmt := range sampleTables {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	people, orders := sampleRows(loc)
	customers := customer.SQLTable{Dialect: dialect, Name: "customers", Key: "id", Columns: []string{"name", "phone", "email", "city"}}
	if _, err := customers.Upsert(ctx, tx, people); err != nil {
		return err
	}
	insert := "INSERT INTO orders (id, customer_id, ordered_at, amount) VALUES (?, ?, ?, ?)"
	if dialect == "postgres" {
		insert = "INSERT INTO orders (id, customer_id, ordered_at, amount) VALUES ($1, $2, $3, $4)"
	}
	stmt, err := tx.PrepareContext(ctx, insert)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, o := range orders {
		if _, err := stmt.ExecContext(ctx, o...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// sampleRows returns the sample's customers, as rows for
// customer.SQLTable, and its orders, as the values of their columns. The
// data are made up: 555 numbers, example.com addresses.
func sampleRows(loc *time.Location) (people iter.Seq2[customer.ID, []any], orders [][]any) {
	const n = 300
	surnames := []rune("王李张刘陈杨赵黄周吴")
	given := []rune("伟芳娜敏静丽强磊军洋")
	cities := []string{"上海", "北京", "杭州", "深圳", "成都", "南京"}
	people = func(yield func(customer.ID, []any) bool) {
		r := rand.New(rand.NewPCG(16, 1))
		for i := range n {
			name := string(surnames[r.IntN(len(surnames))]) + string(given[r.IntN(len(given))])
			row := []any{name, fmt.Sprintf("555-%04d", 100+i), fmt.Sprintf("c%04d@example.com", i), cities[r.IntN(len(cities))]}
			if !yield(customer.ID(fmt.Sprintf("c%04d", i)), row) {
				return
			}
		}
	}
	r := rand.New(rand.NewPCG(16, 2))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
	for i := range n {
		if r.IntN(100) < 8 {
			continue // a customer without orders
		}
		count := min(15, 1+int(r.ExpFloat64()*3))
		for range count {
			at := start.Add(time.Duration(r.Int64N(int64(366 * 24 * time.Hour))))
			fen := int64(3000 + r.IntN(60000))
			if r.IntN(100) < 3 {
				fen = -fen / 4 // a refund
			}
			amount := decimal.New(fen, -2).StringFixed(2)
			if len(orders) == 40 {
				amount = "NaN" // a bad row: both databases store it, no reader takes it
			}
			id := fmt.Sprintf("o%05d", len(orders)+1)
			orders = append(orders, []any{id, fmt.Sprintf("c%04d", i), at.Format("2006-01-02 15:04:05-07:00"), amount})
		}
	}
	return people, orders
}
