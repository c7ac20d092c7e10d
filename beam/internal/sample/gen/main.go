// Command gen writes the sample inputs of the scale measurements in
// beam/README.md.
//
//	go run ./internal/sample/gen -orders 1000000 -out orders.csv
//	go run ./internal/sample/gen -rows 100000 -dim 8 -k 8 -out rows.csv -init init.csv
package main

import (
	"flag"
	"log"
	"os"

	"github.com/clientele-go/clientele/beam/internal/sample"
)

func main() {
	orders := flag.Int("orders", 0, "write this many orders")
	customers := flag.Int("customers", 0, "customers (default orders/10)")
	rows := flag.Int("rows", 0, "write this many numeric rows")
	dim := flag.Int("dim", 8, "features per row")
	k := flag.Int("k", 8, "blobs and starting centroids")
	out := flag.String("out", "", "output file")
	initOut := flag.String("init", "", "starting centroids file (with -rows)")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	switch {
	case *orders > 0:
		c := *customers
		if c == 0 {
			c = *orders / 10
		}
		err = sample.Orders{Customers: c, Orders: *orders, Seed: 1, Defects: true}.Write(f)
	case *rows > 0:
		var init string
		init, err = sample.Blobs{Rows: *rows, Dim: *dim, Centers: *k, Std: 2, Seed: 1}.Write(f, *k)
		if err == nil {
			err = os.WriteFile(*initOut, []byte(init), 0o644)
		}
	default:
		log.Fatal("gen: give -orders or -rows")
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		log.Fatal(err)
	}
}
